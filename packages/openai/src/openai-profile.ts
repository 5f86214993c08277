// What is OpenAI's own in a traced call: provider from the base URL, request
// parameters, error classes, rate-limit and request-id headers.
import type { SdkProfile } from "@tracehub/instrumentation";
import { parseRateLimitHeaders } from "./http/rate-limit-headers.js";
import { modelParameters, requestAttributes } from "./operations/request-parameters.js";
import { serverFromBaseURL } from "./provider-from-url.js";
import { categorizeSdkError } from "./sdk-error-category.js";

export const openaiProfile: SdkProfile = {
  serverFromBaseURL,
  modelParameters,
  requestAttributes,
  categorizeError: categorizeSdkError,
  headers: { parseRateLimit: parseRateLimitHeaders, requestIdHeader: "x-request-id", requestIdAttribute: "openai.request.id" },
};
