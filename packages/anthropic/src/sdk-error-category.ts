// The error category of what an Anthropic SDK call threw, from the SDK's error
// classes (matched by class name, so every version works alike), then from
// the HTTP status via core's categorizeError.
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
  ContentTooLargeError: "bad_request",
  ConflictError: "bad_request",
  NotFoundError: "not_found",
  RequestTimeoutError: "timeout",
  GatewayTimeoutError: "timeout",
  OverloadedError: "server",
  ServiceUnavailableError: "server",
  InternalServerError: "server",
};

function read(value: unknown, key: string): unknown {
  try {
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/** The category of an error thrown by an SDK call. Never throws. */
export function categorizeSdkError(error: unknown): ErrorCategory {
  // The API's error type (`overloaded_error`, `rate_limit_error`…): the SDK's `type` (1.x), else the body's.
  const type = read(error, "type") ?? read(read(read(error, "error"), "error"), "type");
  if (type === "rate_limit_error") return "rate_limit";
  if (type === "overloaded_error" || type === "api_error") return "server";
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
