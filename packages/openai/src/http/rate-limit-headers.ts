// OpenAI's rate-limit headers (`x-ratelimit-{limit,remaining,reset}-{requests,tokens}`,
// resets as durations) and the single-window form some compatible servers send
// (`x-ratelimit-limit`, OpenRouter, with an epoch reset), parsed into the span's rate-limit field.
import type { RateLimit, RateLimitWindow } from "@tracehub/core";
import { parseCount, parseResetAt } from "./reset-time.js";

interface HeaderSource {
  get(name: string): string | null;
}

function readWindow(headers: HeaderSource, suffix: string, receivedAt: number): RateLimitWindow | undefined {
  const window: RateLimitWindow = {};
  const limit = parseCount(headers.get(`x-ratelimit-limit${suffix}`));
  const remaining = parseCount(headers.get(`x-ratelimit-remaining${suffix}`));
  const resetAt = parseResetAt(headers.get(`x-ratelimit-reset${suffix}`), receivedAt);
  if (limit !== undefined) window.limit = limit;
  if (remaining !== undefined) window.remaining = remaining;
  if (resetAt !== undefined) window.resetAt = resetAt;
  return limit === undefined && remaining === undefined && resetAt === undefined ? undefined : window;
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
