// Anthropic's rate-limit headers: `anthropic-ratelimit-{requests,tokens,
// input-tokens,output-tokens}-{limit,remaining,reset}`, resets as RFC 3339
// times, parsed into the span's rate-limit windows.
import type { RateLimit } from "@tracehub/core";
import { readRateLimitWindow, type HeaderSource } from "@tracehub/instrumentation";

const WINDOWS: [header: string, window: string][] = [
  ["requests", "requests"],
  ["tokens", "tokens"],
  ["input-tokens", "inputTokens"],
  ["output-tokens", "outputTokens"],
];

/** The rate-limit windows a response announces, or undefined when it announces none. Never throws. */
export function parseAnthropicRateLimit(headers: HeaderSource, receivedAt: number): RateLimit | undefined {
  try {
    const rateLimit: RateLimit = {};
    let found = false;
    for (const [header, key] of WINDOWS) {
      const prefix = `anthropic-ratelimit-${header}`;
      const names = { limit: `${prefix}-limit`, remaining: `${prefix}-remaining`, reset: `${prefix}-reset` };
      const window = readRateLimitWindow(headers, names, receivedAt);
      if (window === undefined) continue;
      rateLimit[key] = window;
      found = true;
    }
    return found ? rateLimit : undefined;
  } catch {
    return undefined;
  }
}
