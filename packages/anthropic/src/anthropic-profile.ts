// What is Anthropic's own in a traced call: provider from the base URL,
// request parameters, error types and classes, rate-limit and request-id headers.
import type { SdkProfile } from "@tracehub/instrumentation";
import { parseAnthropicRateLimit } from "./http/rate-limit-headers.js";
import { modelParameters, requestAttributes } from "./messages/request-parameters.js";
import { serverFromBaseURL } from "./provider-from-url.js";
import { categorizeSdkError } from "./sdk-error-category.js";

export const anthropicProfile: SdkProfile = {
  serverFromBaseURL,
  modelParameters,
  requestAttributes,
  categorizeError: categorizeSdkError,
  headers: { parseRateLimit: parseAnthropicRateLimit, requestIdHeader: "request-id", requestIdAttribute: "anthropic.request.id" },
};
