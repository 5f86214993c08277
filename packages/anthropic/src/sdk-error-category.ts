// The error category of what an Anthropic SDK call threw: the API's error type
// first (it tells an overload from a rate limit), then the SDK's error classes
// (the Stainless set plus Anthropic's own), then the HTTP status.
import type { ErrorCategory } from "@tracehub/core";
import { STAINLESS_ERROR_CLASSES, errorField, sdkErrorCategorizer } from "@tracehub/instrumentation";

/** The API's error type (`overloaded_error`, `rate_limit_error`…): the SDK's `type` (1.x), else the body's. */
function fromErrorType(error: unknown): ErrorCategory | undefined {
  const type = errorField(error, "type") ?? errorField(errorField(errorField(error, "error"), "error"), "type");
  if (type === "rate_limit_error") return "rate_limit";
  if (type === "overloaded_error" || type === "api_error") return "server";
  return undefined;
}

/** The category of an error thrown by an SDK call. Never throws. */
export const categorizeSdkError = sdkErrorCategorizer({
  byClass: {
    ...STAINLESS_ERROR_CLASSES,
    ContentTooLargeError: "bad_request",
    RequestTimeoutError: "timeout",
    GatewayTimeoutError: "timeout",
    OverloadedError: "server",
    ServiceUnavailableError: "server",
  },
  fromFields: fromErrorType,
});
