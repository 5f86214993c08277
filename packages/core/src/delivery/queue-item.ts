// What the DeliveryQueue holds: one span or score plus its delivery state.
import type { ExportBatch, RejectedItem } from "../adapter.js";
import type { ReadonlySpan } from "../model/span.js";
import type { Score } from "../model/score.js";
import type { Segment } from "../spool/segment.js";

interface ItemState {
  /** Export attempts already made for this item. */
  attempts: number;
  /** Estimated bytes; -1 until sized (when the item becomes ready, see PendingItems). */
  bytes: number;
  /** When the item was (or is at the latest) handed to export; 0 until sized. Drives periodic spooling. */
  dueAt: number;
  /** The spool segment holding a copy of this item, acknowledged once the item's fate is final. */
  spooledIn: Segment | undefined;
}

export type QueueItem =
  | (ItemState & { readonly kind: "span"; readonly span: ReadonlySpan })
  | (ItemState & { readonly kind: "score"; readonly score: Score });

/** A queue item for a span: no attempts yet, not sized yet; `spooledIn` when read back from the spool. */
export function spanItem(span: ReadonlySpan, spooledIn: Segment | undefined = undefined): QueueItem {
  return { kind: "span", span, attempts: 0, bytes: -1, dueAt: 0, spooledIn };
}

/** {@link spanItem} for a score. */
export function scoreItem(score: Score, spooledIn: Segment | undefined = undefined): QueueItem {
  return { kind: "score", score, attempts: 0, bytes: -1, dueAt: 0, spooledIn };
}

/** The id a backend deduplicates on and `RejectedItem.id` refers to. */
export function itemId(item: QueueItem): string {
  return item.kind === "span" ? item.span.spanId : item.score.id;
}

export function toExportBatch(items: readonly QueueItem[]): ExportBatch {
  let spanCount = 0;
  for (const item of items) if (item.kind === "span") spanCount++;
  // Sized up front: no growth copies.
  const spans = new Array<ReadonlySpan>(spanCount);
  const scores = new Array<Score>(items.length - spanCount);
  let s = 0;
  let c = 0;
  for (const item of items) {
    if (item.kind === "span") spans[s++] = item.span;
    else scores[c++] = item.score;
  }
  return { spans, scores };
}

export function sumBytes(items: readonly QueueItem[]): number {
  let total = 0;
  for (const item of items) if (item.bytes > 0) total += item.bytes;
  return total;
}

/** A batch's items sorted by a `partial` result: items the backend did not list were accepted. */
export interface PartialOutcome {
  delivered: QueueItem[];
  retry: QueueItem[];
  failed: QueueItem[];
  /** A reason given for a retryable / non-retryable rejection (the last one seen). */
  retryReason: string;
  failReason: string;
}

export function sortPartial(batch: readonly QueueItem[], rejected: readonly RejectedItem[]): PartialOutcome {
  const byId = new Map(rejected.map((r) => [r.id, r]));
  const outcome: PartialOutcome = { delivered: [], retry: [], failed: [], retryReason: "", failReason: "" };
  for (const item of batch) {
    const rejection = byId.get(itemId(item));
    if (rejection === undefined) {
      outcome.delivered.push(item);
    } else if (rejection.retryable) {
      outcome.retry.push(item);
      outcome.retryReason = rejection.reason;
    } else {
      outcome.failed.push(item);
      outcome.failReason = rejection.reason;
    }
  }
  return outcome;
}
