// What the HTTP layer saw of one SDK call: every attempt (the SDK retries
// inside one call), the last response's status and headers, and where a
// non-streamed call's body will come from (see parse-tap.ts). The fetch tap
// finds the call it belongs to through `httpCalls`, an AsyncLocalStorage
// entered around the SDK method, so concurrent calls on one client never mix.
import { AsyncLocalStorage } from "node:async_hooks";
import type { SpanHandle } from "@tracehub/core";
import { readRequestHeader, urlPath } from "./read-header.js";

const RETRY_COUNT_HEADER = "x-stainless-retry-count";

export class HttpCall {
  attempts = 0;
  /** From the SDK's `x-stainless-retry-count` request header of the latest attempt. */
  retryCount: number | undefined;
  lastResponse: Response | undefined;
  /** When `lastResponse` arrived (epoch ms): rate-limit resets are relative to it. */
  receivedAt = 0;
  /** The SDK's own parse of the body, when the caller asked for it (awaited the APIPromise) before it arrived. */
  parsed: Promise<unknown> | undefined;
  /** Otherwise the final body, read from a clone so the caller's copy is untouched. */
  body: Promise<unknown> | undefined;
  private failedAttempt: { status?: number; retryAfter?: string; error?: string } | undefined;

  constructor(
    private readonly span: SpanHandle,
    /** Path suffix of the endpoint: other requests (e.g. token exchanges) are not this call's attempts. */
    private readonly path: string,
    /** Needs the body of a successful response (non-streamed calls). */
    private readonly wantsBody: boolean,
  ) {}

  matches(url: unknown): boolean {
    return urlPath(url).endsWith(this.path);
  }

  onAttempt(init: RequestInit | undefined): void {
    this.attempts++;
    const header = Number(readRequestHeader(init?.headers, RETRY_COUNT_HEADER));
    this.retryCount = Number.isInteger(header) && header >= 0 ? header : this.attempts - 1;
    const failed = this.failedAttempt;
    if (failed !== undefined) {
      this.failedAttempt = undefined;
      const attributes: Record<string, string | number> = { "retry.attempt": this.retryCount };
      if (failed.status !== undefined) attributes["http.response.status_code"] = failed.status;
      if (failed.retryAfter !== undefined) attributes["http.response.header.retry-after"] = failed.retryAfter;
      if (failed.error !== undefined) attributes["error.type"] = failed.error;
      this.span.addEvent("retry", attributes);
    }
  }

  onResponse(response: Response): void {
    this.lastResponse = response;
    this.receivedAt = Date.now();
    if (!response.ok) {
      const retryAfter = response.headers.get("retry-after") ?? response.headers.get("retry-after-ms");
      this.failedAttempt = { status: response.status };
      if (retryAfter !== null) this.failedAttempt.retryAfter = retryAfter;
    } else if (this.wantsBody && this.parsed === undefined) {
      // Nothing has asked the SDK to parse yet (.asResponse(), a derived promise, a late or missing
      // await): read a clone now, before anyone reads the body. Cloning tees the stream: the slow path.
      this.body = response
        .clone()
        .json()
        .catch(() => undefined);
    }
  }

  onFetchError(error: unknown): void {
    this.failedAttempt = { error: error instanceof Error ? error.name : typeof error };
  }
}

export const httpCalls = new AsyncLocalStorage<HttpCall>();
