// Items waiting to be batched. `incoming` takes enqueues on the hot path with
// a plain push; sizing happens later, off that path, when items move to
// `ready`, from which batches are cut oldest first within the count and byte
// limits.
import { Fifo } from "./fifo.js";
import type { QueueItem } from "./queue-item.js";

export interface BatchLimits {
  maxBatchItems: number;
  maxBatchBytes: number;
}

export class PendingItems {
  /** Enqueued, not yet sized. Swapped for a fresh array on each sizing pass. */
  #incoming: QueueItem[] = [];
  readonly #ready = new Fifo<QueueItem>();
  #readyBytes = 0;

  constructor(private readonly limits: BatchLimits) {}

  /** Items held here, sized or not. */
  get count(): number {
    return this.#incoming.length + this.#ready.length;
  }

  /** Sized items a batch can be cut from. */
  get readyCount(): number {
    return this.#ready.length;
  }

  /** Hot path: O(1), no sizing. */
  push(item: QueueItem): void {
    this.#incoming.push(item);
  }

  /**
   * Sizes incoming items and moves those `admit` accepts to `ready`, due to be
   * sent by `dueAt`; `admit` enforces the queue's byte bound and takes care of
   * what it refuses.
   */
  sizeIncoming(
    estimate: (item: QueueItem) => number,
    admit: (bytes: number, item: QueueItem) => boolean,
    dueAt: number,
  ): void {
    if (this.#incoming.length === 0) return;
    const incoming = this.#incoming;
    this.#incoming = [];
    for (const item of incoming) {
      const bytes = estimate(item);
      if (!admit(bytes, item)) continue;
      item.bytes = bytes;
      item.dueAt = dueAt;
      this.#ready.push(item);
      this.#readyBytes += bytes;
    }
  }

  /** Puts already sized items (back from a retry wait) at the end of `ready`. */
  requeue(items: readonly QueueItem[]): void {
    for (const item of items) {
      this.#ready.push(item);
      this.#readyBytes += item.bytes;
    }
  }

  /** True when `ready` fills a batch by count or by bytes. */
  hasFullBatch(): boolean {
    return this.#ready.length >= this.limits.maxBatchItems || this.#readyBytes >= this.limits.maxBatchBytes;
  }

  /** Takes the oldest ready items up to the count and byte limits; an oversized item goes alone. */
  cutBatch(): QueueItem[] {
    const { maxBatchItems, maxBatchBytes } = this.limits;
    const batch: QueueItem[] = [];
    let bytes = 0;
    for (let next = this.#ready.peek(); next !== undefined; next = this.#ready.peek()) {
      if (batch.length >= maxBatchItems) break;
      if (batch.length > 0 && bytes + next.bytes > maxBatchBytes) break;
      this.#ready.shift();
      batch.push(next);
      bytes += next.bytes;
    }
    this.#readyBytes -= bytes;
    return batch;
  }

  /** Visits every sized item, oldest first. */
  forEachReady(fn: (item: QueueItem) => void): void {
    this.#ready.forEach(fn);
  }

  /** Removes and returns every item, sized or not. */
  takeAll(): QueueItem[] {
    const items = [...this.#ready.takeAll(), ...this.#incoming];
    this.#incoming = [];
    this.#readyBytes = 0;
    return items;
  }
}
