// Anthropic's rate-limit headers: `anthropic-ratelimit-{requests,tokens,
// input-tokens,output-tokens}-{limit,remaining,reset}`, resets as RFC 3339
// times, parsed into the span's rate-limit windows.
import type { RateLimit, RateLimitWindow } from "@tracehub/core";
import { parseCount, parseResetAt } from "./reset-time.js";

interface HeaderSource {
  get(name: string): string | null;
}

const WINDOWS: [header: string, window: string][] = [
  ["requests", "requests"],
  ["tokens", "tokens"],
  ["input-tokens", "inputTokens"],
  ["output-tokens", "outputTokens"],
];

function readWindow(headers: HeaderSource, name: string, receivedAt: number): RateLimitWindow | undefined {
  const prefix = `anthropic-ratelimit-${name}`;
  const window: RateLimitWindow = {};
  const limit = parseCount(headers.get(`${prefix}-limit`));
  const remaining = parseCount(headers.get(`${prefix}-remaining`));
  const resetAt = parseResetAt(headers.get(`${prefix}-reset`), receivedAt);
  if (limit !== undefined) window.limit = limit;
  if (remaining !== undefined) window.remaining = remaining;
  if (resetAt !== undefined) window.resetAt = resetAt;
  return limit === undefined && remaining === undefined && resetAt === undefined ? undefined : window;
}

/** The rate-limit windows a response announces, or undefined when it announces none. Never throws. */
export function parseAnthropicRateLimit(headers: HeaderSource, receivedAt: number): RateLimit | undefined {
  try {
    const rateLimit: RateLimit = {};
    let found = false;
    for (const [header, key] of WINDOWS) {
      const window = readWindow(headers, header, receivedAt);
      if (window === undefined) continue;
      rateLimit[key] = window;
      found = true;
    }
    return found ? rateLimit : undefined;
  } catch {
    return undefined;
  }
}
