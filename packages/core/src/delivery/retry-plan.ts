// What to do with items after a retryable failure: which get another attempt,
// which have used up their attempts, and how long the next attempt waits.
import { backoffDelay } from "./backoff.js";
import type { QueueItem } from "./queue-item.js";
import { MAX_RETRY_AFTER_MS } from "./retry-after.js";

export interface RetryPolicy {
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  random: () => number;
}

export interface RetryPlan {
  again: QueueItem[];
  exhausted: QueueItem[];
  delayMs: number;
}

/** Counts the failed attempt on each item and plans the next one. */
export function planRetry(items: readonly QueueItem[], afterMs: number | undefined, policy: RetryPolicy): RetryPlan {
  const plan: RetryPlan = { again: [], exhausted: [], delayMs: 0 };
  let attempts = 0;
  for (const item of items) {
    item.attempts++;
    if (item.attempts >= policy.maxAttempts) {
      plan.exhausted.push(item);
    } else {
      plan.again.push(item);
      attempts = Math.max(attempts, item.attempts);
    }
  }
  // Retry-After is a floor the server set: honoured as given (capped like
  // parseRetryAfter, so a bogus value cannot park items for days). Otherwise
  // backoff with full jitter; the first retry draws from [0, initialBackoffMs].
  plan.delayMs =
    afterMs !== undefined
      ? Math.min(afterMs, MAX_RETRY_AFTER_MS)
      : backoffDelay(attempts - 1, {
          initialMs: policy.initialBackoffMs,
          maxMs: policy.maxBackoffMs,
          random: policy.random,
        });
  return plan;
}
