// @tracehub/anthropic public surface.
export { instrumentAnthropic } from "./instrument-anthropic.js";
export type { InstrumentAnthropicOptions } from "./instrument-options.js";
export { parseAnthropicRateLimit } from "./http/rate-limit-headers.js";
export { toUsage as anthropicUsage } from "./messages/anthropic-usage.js";
export { categorizeSdkError } from "./sdk-error-category.js";
