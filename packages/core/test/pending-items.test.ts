import { describe, expect, it } from "vitest";
import { PendingItems } from "../src/delivery/pending-items.js";
import type { QueueItem } from "../src/delivery/queue-item.js";
import type { ReadonlySpan } from "../src/index.js";

const item = (id: string, bytes: number): QueueItem => ({
  kind: "span",
  span: { spanId: id } as ReadonlySpan,
  attempts: 0,
  bytes,
  dueAt: 0,
  spooledIn: undefined,
});
const ids = (items: readonly QueueItem[]): string[] => items.map((i) => (i.kind === "span" ? i.span.spanId : i.score.id));

/** Pushes `sizes` (id = index) and sizes them in one pass; admits all but the ids in `refuse`. */
function sizedPass(pending: PendingItems, first: number, sizes: number[], refuse: number[] = []): void {
  pending.pushAll(sizes.map((_, i) => item(String(first + i), -1)));
  let next = first;
  pending.sizeIncoming(
    () => sizes[next++ - first] as number,
    (_bytes, it) => !refuse.includes(Number(ids([it])[0])),
    123,
  );
}

describe("PendingItems", () => {
  it("cuts batches oldest first across sizing passes, within the count limit", () => {
    const pending = new PendingItems({ maxBatchItems: 3, maxBatchBytes: 1_000 });
    sizedPass(pending, 0, [10, 10]);
    sizedPass(pending, 2, [10, 10, 10, 10]);
    expect(pending.readyCount).toBe(6);
    expect(pending.hasFullBatch()).toBe(true);
    expect(ids(pending.cutBatch())).toEqual(["0", "1", "2"]);
    expect(ids(pending.cutBatch())).toEqual(["3", "4", "5"]);
    expect(pending.cutBatch()).toEqual([]);
    expect(pending.count).toBe(0);
  });

  it("cuts by bytes, sends an oversized item alone, and stamps sized items", () => {
    const pending = new PendingItems({ maxBatchItems: 10, maxBatchBytes: 100 });
    sizedPass(pending, 0, [40, 40, 40, 500, 30]);
    const first = pending.cutBatch();
    expect(ids(first)).toEqual(["0", "1"]);
    expect(first.map((i) => [i.bytes, i.dueAt])).toEqual([
      [40, 123],
      [40, 123],
    ]);
    expect(ids(pending.cutBatch())).toEqual(["2"]);
    expect(ids(pending.cutBatch())).toEqual(["3"]);
    expect(ids(pending.cutBatch())).toEqual(["4"]);
    expect(pending.hasFullBatch()).toBe(false);
  });

  it("leaves refused items out and keeps the order of requeued ones behind the ready items", () => {
    const pending = new PendingItems({ maxBatchItems: 10, maxBatchBytes: 1_000 });
    sizedPass(pending, 0, [1, 1, 1, 1], [1, 2]);
    expect(pending.readyCount).toBe(2);
    pending.requeue([item("r1", 5), item("r2", 5)]);
    pending.pushAll([item("late", -1)]);
    const seen: string[] = [];
    pending.forEachReady((i) => seen.push(ids([i])[0] as string));
    expect(seen).toEqual(["0", "3", "r1", "r2"]);
    expect(pending.count).toBe(5);
    expect(ids(pending.takeAll())).toEqual(["0", "3", "r1", "r2", "late"]);
    expect(pending.count).toBe(0);
    expect(pending.cutBatch()).toEqual([]);
  });

  it("keeps counting right over many small passes (the run list is compacted)", () => {
    const pending = new PendingItems({ maxBatchItems: 7, maxBatchBytes: 1_000 });
    let made = 0;
    const sent: string[] = [];
    for (let pass = 0; pass < 300; pass++) {
      sizedPass(pending, made, [1, 2]);
      made += 2;
      if (pass % 3 === 0) sent.push(...ids(pending.cutBatch()));
    }
    while (pending.readyCount > 0) sent.push(...ids(pending.cutBatch()));
    expect(sent).toEqual(Array.from({ length: made }, (_, i) => String(i)));
  });
});
