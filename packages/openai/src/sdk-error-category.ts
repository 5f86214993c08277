// The error category of what an openai SDK call threw: Azure's content-filter
// refusals first, then the SDK's error classes (the Stainless set plus the
// finish-reason errors of the parse helpers), then the HTTP status.
import { STAINLESS_ERROR_CLASSES, errorField, sdkErrorCategorizer } from "@tracehub/instrumentation";

/** True when the provider refused on content grounds (Azure answers 400 with code `content_filter`). */
function isContentFilter(error: unknown): boolean {
  const code = errorField(error, "code") ?? errorField(errorField(error, "error"), "code");
  return code === "content_filter" || code === "content_policy_violation";
}

/** The category of an error thrown by an SDK call. Never throws. */
export const categorizeSdkError = sdkErrorCategorizer({
  byClass: {
    ...STAINLESS_ERROR_CLASSES,
    ContentFilterFinishReasonError: "content_filter",
    LengthFinishReasonError: "bad_request",
  },
  fromFields: (error) => (isContentFilter(error) ? "content_filter" : undefined),
});
