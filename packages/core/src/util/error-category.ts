// Maps any thrown value to the design's error categories, from what SDKs and
// runtimes commonly put on errors: HTTP status, Node error codes, class names.
import type { ErrorCategory, SpanError } from "../model/span.js";

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const TIMEOUT_CODES = new Set(["ETIMEDOUT", "ESOCKETTIMEDOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

function read(obj: unknown, key: string): unknown {
  try {
    return obj !== null && typeof obj === "object" ? (obj as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

function statusOf(error: unknown): number | undefined {
  for (const key of ["status", "statusCode"]) {
    const value = read(error, key);
    if (typeof value === "number") return value;
  }
  const response = read(error, "response");
  const status = read(response, "status");
  return typeof status === "number" ? status : undefined;
}

function categoryFromStatus(status: number): ErrorCategory | undefined {
  if (status === 429) return "rate_limit";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 408 || status === 504) return "timeout";
  if (status === 400 || status === 409 || status === 413 || status === 422) return "bad_request";
  if (status >= 500) return "server";
  return undefined;
}

/** The design's error category for any thrown value. Never throws. */
export function categorizeError(error: unknown): ErrorCategory {
  const status = statusOf(error);
  if (status !== undefined) {
    const fromStatus = categoryFromStatus(status);
    if (fromStatus !== undefined) return fromStatus;
  }
  const code = String(read(error, "code") ?? "");
  const name = String(read(error, "name") ?? "");
  const message = String(read(error, "message") ?? "").toLowerCase();
  if (code === "content_filter" || message.includes("content filter") || message.includes("content_filter")) {
    return "content_filter";
  }
  if (TIMEOUT_CODES.has(code) || name === "TimeoutError" || /timeout|timed out/i.test(name)) return "timeout";
  if (name === "AbortError" || code === "ABORT_ERR" || /abort|cancel/i.test(name)) return "cancelled";
  if (NETWORK_CODES.has(code) || /connection/i.test(name) || message === "fetch failed") return "network";
  if (/ratelimit/i.test(name.replace(/[^a-z]/gi, ""))) return "rate_limit";
  if (/auth|permission/i.test(name)) return "auth";
  if (/notfound/i.test(name)) return "not_found";
  if (message.includes("timed out") || message.includes("timeout")) return "timeout";
  return "unknown";
}

function typeName(error: unknown): string {
  if (error === null) return "null";
  if (typeof error !== "object") return typeof error;
  const name = read(error, "name");
  if (typeof name === "string" && name !== "" && name !== "Error") return name;
  try {
    const ctor = (error as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof ctor === "string" && ctor !== "") return ctor;
  } catch {
    // a Proxy or hostile getter: fall through
  }
  return typeof name === "string" && name !== "" ? name : "Error";
}

function messageOf(error: unknown): string {
  const message = read(error, "message");
  if (typeof message === "string") return message;
  try {
    return typeof error === "string" ? error : String(error);
  } catch {
    return "[unprintable error]";
  }
}

/** A SpanError for any thrown value; the category may be forced by the caller. Never throws. */
export function toSpanError(error: unknown, category?: ErrorCategory): SpanError {
  const stack = read(error, "stack");
  const spanError: SpanError = {
    type: typeName(error),
    message: messageOf(error),
    category: category ?? categorizeError(error),
  };
  if (typeof stack === "string") spanError.stack = stack;
  return spanError;
}
