// The matrix's verdict for one adapter: every produced id accepted, none
// twice, and the hub's own counters telling the same story.
import { expect } from "vitest";
import type { AdapterStats } from "@tracehub/core";
import type { Receiver } from "./console-sink.js";
import type { Expected } from "./settle.js";
import type { AdapterName } from "./matrix-hub.js";

export interface CheckOptions {
  /** False for OTLP: it carries scores as span events (or evaluation spans), not as ids of their own. */
  scores: boolean;
}

/** Zero lost, zero duplicated, nothing dropped or failed, nothing left in the queue. */
export function expectDeliveredExactlyOnce(
  adapter: AdapterName,
  receiver: Receiver,
  expected: Expected,
  stats: AdapterStats | undefined,
  { scores }: CheckOptions,
): void {
  const spans = receiver.spans.compare(expected.spanIds);
  const s = scores ? receiver.scores.compare(expected.scoreIds) : undefined;
  expect({ adapter, missing: spans.missing, duplicated: spans.duplicated, examples: spans.examples }).toEqual({
    adapter,
    missing: 0,
    duplicated: 0,
    examples: expect.anything(),
  });
  if (s !== undefined) {
    expect({ adapter, missingScores: s.missing, duplicatedScores: s.duplicated, unexpectedScores: s.unexpected }).toEqual({
      adapter,
      missingScores: 0,
      duplicatedScores: 0,
      unexpectedScores: 0,
    });
  } else {
    // Only evaluation spans (derived from score ids) may come on top of the produced spans.
    expect(spans.unexpected).toBeLessThanOrEqual(expected.scoreIds.size);
  }
  expect(stats, `${adapter} stats`).toBeDefined();
  const { exported, dropped, failed, queued, inFlight } = stats as AdapterStats;
  // The hub's own account: every span and score exported once (a retried batch counts when it finally succeeds).
  const items = expected.spanIds.size + expected.scoreIds.size;
  expect({ adapter, exported, dropped, failed, queued, inFlight }).toEqual({ adapter, exported: items, dropped: 0, failed: 0, queued: 0, inFlight: 0 });
}
