// One rate-limit window (limit, remaining, reset) read from response headers.
// Vendors name the three headers differently (`x-ratelimit-limit-requests`,
// `anthropic-ratelimit-requests-limit`…); the reading is the same.
import type { RateLimitWindow } from "@tracehub/core";
import { parseCount, parseResetAt } from "./reset-time.js";

export interface HeaderSource {
  get(name: string): string | null;
}

/** The three headers of one window, by what each carries. */
export interface RateLimitHeaderNames {
  limit: string;
  remaining: string;
  reset: string;
}

/** The window those headers announce, or undefined when none of them holds a usable value. */
export function readRateLimitWindow(headers: HeaderSource, names: RateLimitHeaderNames, receivedAt: number): RateLimitWindow | undefined {
  const window: RateLimitWindow = {};
  const limit = parseCount(headers.get(names.limit));
  const remaining = parseCount(headers.get(names.remaining));
  const resetAt = parseResetAt(headers.get(names.reset), receivedAt);
  if (limit !== undefined) window.limit = limit;
  if (remaining !== undefined) window.remaining = remaining;
  if (resetAt !== undefined) window.resetAt = resetAt;
  return limit === undefined && remaining === undefined && resetAt === undefined ? undefined : window;
}
