// @tracehub/test-support: helpers for the instrumentation packages' tests.
export { testHub, useTestHub, sleep, type TestHub } from "./test-hub.js";
export { capture, type CapturedRequest } from "./capture.js";
export { sseFrames, sseResponse, type SseEvent, type SseOptions } from "./sse.js";
export { startLoopbackServer, useLoopbackServer, writeSse, type LoopbackServer, type LoopbackOptions, type Route, type WriteSseOptions } from "./loopback-server.js";
export { useMockedVendorApi, type MockedVendorApi } from "./mocked-vendor-api.js";
