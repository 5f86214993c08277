// @tracehub/test-support: helpers for the instrumentation packages' tests.
export { testHub, useTestHub, sleep, type TestHub } from "./test-hub.js";
export { capture, type CapturedRequest } from "./capture.js";
export { sseFrames, sseResponse, type SseEvent, type SseOptions } from "./sse.js";
export { startLoopbackServer, useLoopbackServer, writeSse, type LoopbackServer, type LoopbackOptions, type Route, type WriteSseOptions } from "./loopback-server.js";
export { useMockedVendorApi, type MockedVendorApi } from "./mocked-vendor-api.js";
// Fake backends with injected faults (fault matrix, benchmarks): no vitest inside.
export { startFaultServer, type FaultServer, type FaultServerOptions, type FaultServerCounts } from "./fault-server/fault-server.js";
export { type Fault, type FaultAction, RETRYABLE_5XX, seededRandom, describeFault } from "./fault-server/faults.js";
export { AcceptedIds, type IdComparison } from "./fault-server/accepted-ids.js";
export { LANGSMITH_INFO, type FakeBackend, type BackendCredentials } from "./fault-server/backend-routes.js";
export { readOtlpSpanIds } from "./fault-server/otlp-span-ids.js";
export { parseMultipart, readMultipartRuns, type MultipartPart, type MultipartRuns } from "./fault-server/multipart-runs.js";
