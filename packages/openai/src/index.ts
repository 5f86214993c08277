// @tracehub/openai public surface.
export { instrumentOpenAI } from "./instrument-openai.js";
export type { InstrumentOpenAIOptions } from "./instrument-options.js";
export { serverFromBaseURL } from "./provider-from-url.js";
export type { ServerInfo } from "@tracehub/instrumentation";
export { parseRateLimitHeaders } from "./http/rate-limit-headers.js";
export { parseDurationMs, parseResetAt } from "@tracehub/instrumentation";
export { categorizeSdkError } from "./sdk-error-category.js";
