// The error category of what an SDK call threw, from the SDK's own error
// classes (matched by class name, so every major version and the Azure
// client work alike), then from the HTTP status via core's categorizeError.
import { categorizeError, type ErrorCategory } from "@tracehub/core";

const BY_CLASS: Record<string, ErrorCategory> = {
  APIUserAbortError: "cancelled",
  APIConnectionTimeoutError: "timeout",
  APIConnectionError: "network",
  RateLimitError: "rate_limit",
  AuthenticationError: "auth",
  PermissionDeniedError: "auth",
  BadRequestError: "bad_request",
  UnprocessableEntityError: "bad_request",
  ConflictError: "bad_request",
  NotFoundError: "not_found",
  InternalServerError: "server",
  ContentFilterFinishReasonError: "content_filter",
  LengthFinishReasonError: "bad_request",
};

function read(value: unknown, key: string): unknown {
  try {
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/** True when the provider refused on content grounds (Azure answers 400 with code `content_filter`). */
function isContentFilter(error: unknown): boolean {
  const code = read(error, "code") ?? read(read(error, "error"), "code");
  return code === "content_filter" || code === "content_policy_violation";
}

/** The category of an error thrown by an SDK call. Never throws. */
export function categorizeSdkError(error: unknown): ErrorCategory {
  if (isContentFilter(error)) return "content_filter";
  try {
    let proto: unknown = error !== null && typeof error === "object" ? Object.getPrototypeOf(error) : null;
    for (let depth = 0; proto !== null && proto !== undefined && depth < 8; depth++) {
      const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
      if (typeof name === "string" && BY_CLASS[name] !== undefined) return BY_CLASS[name];
      proto = Object.getPrototypeOf(proto);
    }
  } catch {
    // a Proxy or hostile prototype: fall back to the status
  }
  return categorizeError(error);
}
