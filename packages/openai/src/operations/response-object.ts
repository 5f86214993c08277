// A Responses API `Response` object (non-streamed, or the final event of a
// stream) written to the span: id, model, usage, status, error, output items.
import type { ErrorCategory, SpanHandle } from "@tracehub/core";
import { field } from "@tracehub/instrumentation";
import { recordResponseMeta } from "./response-meta.js";

const ERROR_CATEGORIES: Record<string, ErrorCategory> = {
  rate_limit_exceeded: "rate_limit",
  server_error: "server",
  vector_store_timeout: "timeout",
};

/** Writes a Response object (non-streamed, or the final one of a stream) to the span. */
export function recordResponseObject(span: SpanHandle, response: unknown, captureContent: boolean): void {
  const status = field(response, "status");
  const incomplete = field(field(response, "incomplete_details"), "reason");
  const reason = typeof incomplete === "string" ? incomplete : typeof status === "string" ? status : undefined;
  recordResponseMeta(span, {
    id: field(response, "id"),
    model: field(response, "model"),
    usage: field(response, "usage"),
    finishReasons: reason === undefined ? [] : [reason],
  });
  const error = field(response, "error");
  if (status === "failed" && error !== null && typeof error === "object") {
    const code = String(field(error, "code") ?? "response_failed");
    span.recordError({ name: code, message: String(field(error, "message") ?? code) }, ERROR_CATEGORIES[code] ?? "unknown");
  }
  if (captureContent) {
    const output = field(response, "output");
    if (output !== undefined) span.setOutput(output);
  }
}
