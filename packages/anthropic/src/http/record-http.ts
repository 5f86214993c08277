// What the HTTP layer saw, written to the span: retries, rate limits, the
// request id, the final status and a 429's retry-after.
import type { SpanHandle } from "@tracehub/core";
import type { HttpCall } from "./http-call.js";
import { parseAnthropicRateLimit } from "./rate-limit-headers.js";

export function recordHttp(span: SpanHandle, http: HttpCall): void {
  if (http.attempts > 0) span.setRetryCount(http.retryCount ?? http.attempts - 1);
  const response = http.lastResponse;
  if (response === undefined) return;
  span.setAttribute("http.response.status_code", response.status);
  const headers = response.headers;
  const rateLimit = parseAnthropicRateLimit(headers, http.receivedAt);
  if (rateLimit !== undefined) span.setRateLimit(rateLimit);
  const requestId = headers.get("request-id");
  if (requestId !== null) span.setAttribute("anthropic.request.id", requestId);
  if (response.status === 429) {
    const retryAfter = headers.get("retry-after");
    if (retryAfter !== null) span.setAttribute("http.response.header.retry-after", retryAfter);
  }
}
