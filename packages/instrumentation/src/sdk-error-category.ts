// The error category of what an SDK call threw: first from the error's own
// fields where a vendor says more there (an API error type, a content-filter
// code), then from the SDK's error classes (matched by class name through the
// prototype chain, so every major version and subclass work alike), then from
// the HTTP status via core's categorizeError.
import { categorizeError, type ErrorCategory } from "@tracehub/core";

/** The error classes every Stainless-generated SDK (openai, @anthropic-ai/sdk) defines. */
export const STAINLESS_ERROR_CLASSES: Readonly<Record<string, ErrorCategory>> = {
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
};

export interface SdkErrorRules {
  /** Class names and their category (typically STAINLESS_ERROR_CLASSES plus the vendor's own). */
  byClass: Readonly<Record<string, ErrorCategory>>;
  /** Checked first: the category the error's fields decide, or undefined to go on to the classes. */
  fromFields?: (error: unknown) => ErrorCategory | undefined;
}

/** A field of a thrown value; undefined when absent or when reading it throws (a Proxy, a hostile getter). */
export function errorField(value: unknown, key: string): unknown {
  try {
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/** A categorizer for one SDK's errors. The function it returns never throws. */
export function sdkErrorCategorizer(rules: SdkErrorRules): (error: unknown) => ErrorCategory {
  const { byClass, fromFields } = rules;
  return function categorizeSdkError(error: unknown): ErrorCategory {
    let decided: ErrorCategory | undefined;
    try {
      decided = fromFields?.(error);
    } catch {
      // a vendor rule that fails decides nothing
    }
    if (decided !== undefined) return decided;
    try {
      let proto: unknown = error !== null && typeof error === "object" ? Object.getPrototypeOf(error) : null;
      for (let depth = 0; proto !== null && proto !== undefined && depth < 8; depth++) {
        const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
        if (typeof name === "string" && byClass[name] !== undefined) return byClass[name];
        proto = Object.getPrototypeOf(proto);
      }
    } catch {
      // a Proxy or hostile prototype: fall back to the status
    }
    return categorizeError(error);
  };
}
