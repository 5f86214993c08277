// @tracehub/instrumentation public surface: what vendor SDK instrumentations
// (@tracehub/openai, @tracehub/anthropic) build on.

// Instrumenting a client and tracing its methods
export { instrumentClient, traceCreate } from "./instrument-client.js";
export type { Operation, StreamRecorder, StreamRequest } from "./operation.js";
export type { SdkProfile, ServerInfo, ClientTracing } from "./sdk-profile.js";
export { resolveTraceSettings, type InstrumentOptions, type TraceSettings } from "./trace-settings.js";

// Vendor mappings' helpers
export { field, list } from "./read-field.js";
export { scalarParameters, modelAndNumericAttributes, type RequestBody } from "./request-parameters.js";
export { STAINLESS_ERROR_CLASSES, sdkErrorCategorizer, errorField, type SdkErrorRules } from "./sdk-error-category.js";

// Response headers
export type { VendorHeaders } from "./http/record-http.js";
export { readRateLimitWindow, type HeaderSource, type RateLimitHeaderNames } from "./http/rate-limit-window.js";
export { parseDurationMs, parseResetAt, parseCount } from "./http/reset-time.js";
