// OpenAI's rate-limit headers (`x-ratelimit-{limit,remaining,reset}-{requests,tokens}`,
// resets as durations) and the single-window form some compatible servers send
// (`x-ratelimit-limit`, OpenRouter, with an epoch reset), parsed into the span's rate-limit field.
import type { RateLimit, RateLimitWindow } from "@tracehub/core";
import { readRateLimitWindow, type HeaderSource } from "@tracehub/instrumentation";

function readWindow(headers: HeaderSource, suffix: string, receivedAt: number): RateLimitWindow | undefined {
  const names = { limit: `x-ratelimit-limit${suffix}`, remaining: `x-ratelimit-remaining${suffix}`, reset: `x-ratelimit-reset${suffix}` };
  return readRateLimitWindow(headers, names, receivedAt);
}

/** The rate-limit windows a response announces, or undefined when it announces none. Never throws. */
export function parseRateLimitHeaders(headers: HeaderSource, receivedAt: number): RateLimit | undefined {
  try {
    const rateLimit: RateLimit = {};
    const requests = readWindow(headers, "-requests", receivedAt) ?? readWindow(headers, "", receivedAt);
    const tokens = readWindow(headers, "-tokens", receivedAt);
    if (requests !== undefined) rateLimit.requests = requests;
    if (tokens !== undefined) rateLimit.tokens = tokens;
    return requests === undefined && tokens === undefined ? undefined : rateLimit;
  } catch {
    return undefined;
  }
}
