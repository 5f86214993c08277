// What the HTTP layer saw, written to the span: retries, rate limits, the
// provider's request id, the final status code and a 429's retry-after.
import type { RateLimit, SpanHandle } from "@tracehub/core";
import type { HttpCall } from "./http-call.js";
import type { HeaderSource } from "./rate-limit-window.js";

/** The vendor-specific response headers. */
export interface VendorHeaders {
  /** The rate-limit windows a response announces, or undefined. Never throws. */
  parseRateLimit(headers: HeaderSource, receivedAt: number): RateLimit | undefined;
  /** The header carrying the provider's request id (`x-request-id`, `request-id`)… */
  requestIdHeader: string;
  /** …and the span attribute it is recorded as (`openai.request.id`). */
  requestIdAttribute: string;
}

export function recordHttp(span: SpanHandle, http: HttpCall, vendor: VendorHeaders): void {
  if (http.attempts > 0) span.setRetryCount(http.retryCount ?? http.attempts - 1);
  const response = http.lastResponse;
  if (response === undefined) return;
  span.setAttribute("http.response.status_code", response.status);
  const headers = response.headers;
  const rateLimit = vendor.parseRateLimit(headers, http.receivedAt);
  if (rateLimit !== undefined) span.setRateLimit(rateLimit);
  const requestId = headers.get(vendor.requestIdHeader);
  if (requestId !== null) span.setAttribute(vendor.requestIdAttribute, requestId);
  if (response.status === 429) {
    const retryAfter = headers.get("retry-after");
    if (retryAfter !== null) span.setAttribute("http.response.header.retry-after", retryAfter);
  }
}
