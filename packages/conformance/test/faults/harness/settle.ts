// Waiting for delivery: flush the hub and poll the fake backends until every
// expected id has arrived everywhere, or a deadline passes (then the
// assertions report what is missing).
import type { Hub } from "@tracehub/core";
import type { Receiver } from "./console-sink.js";

export interface Expected {
  spanIds: ReadonlySet<string>;
  scoreIds: ReadonlySet<string>;
}

/** True when `receiver` has every expected span and score id. */
export function hasEverything(receiver: Receiver, expected: Expected, scores = true): boolean {
  if (receiver.spans.countAccepted(expected.spanIds) < expected.spanIds.size) return false;
  return !scores || receiver.scores.countAccepted(expected.scoreIds) >= expected.scoreIds.size;
}

/**
 * Flushes and polls until every receiver has everything; returns the ms it took
 * per receiver (undefined for one that never got there before `deadlineMs`).
 */
export async function settle(
  hub: Hub,
  receivers: Readonly<Record<string, Receiver>>,
  expected: Expected,
  deadlineMs: number,
  { scoresFor = () => true }: { scoresFor?: (name: string) => boolean } = {},
): Promise<Record<string, number | undefined>> {
  const startedAt = Date.now();
  const doneAt: Record<string, number | undefined> = {};
  const pending = new Set(Object.keys(receivers));
  while (pending.size > 0 && Date.now() - startedAt < deadlineMs) {
    for (const name of [...pending]) {
      if (hasEverything(receivers[name] as Receiver, expected, scoresFor(name))) {
        doneAt[name] = Date.now() - startedAt;
        pending.delete(name);
      }
    }
    if (pending.size === 0) break;
    await hub.flush(Math.min(250, Math.max(1, deadlineMs - (Date.now() - startedAt))));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return doneAt;
}
