// @tracehub/openai public surface.
export { instrumentOpenAI } from "./instrument-openai.js";
export type { InstrumentOpenAIOptions } from "./instrument-options.js";
export { serverFromBaseURL, type ServerInfo } from "./provider-from-url.js";
export { parseRateLimitHeaders } from "./http/rate-limit-headers.js";
export { parseDurationMs, parseResetAt } from "./http/reset-time.js";
export { categorizeSdkError } from "./sdk-error-category.js";
