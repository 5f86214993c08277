// One adapter's delivery pipeline: batching by count, bytes and time; sends
// through p-queue with the adapter's concurrency; retry with backoff that
// honours Retry-After; memory bounds; per-adapter counters. The Hub gives
// every adapter its own queue, so a slow or dead backend only ever fills its
// own queue and never delays another adapter or the application.
//
// Life of an item: enqueue pushes it to PendingItems (hot path: no sizing, no
// allocation beyond the item). A drain scheduled on a timer sizes new items,
// enforcing the byte bound, and cuts batches while a send slot is free. A
// batch is cut when full (count or bytes), when the batching timer has
// expired, or during flush. A retried batch waits on its own timer (RetryWaits),
// so other items keep flowing meanwhile.
//
// With a spool (spool/adapter-spool.ts), items past the memory bound go to
// disk instead of being dropped and come back as memory frees up; items held
// past their due time are copied to disk on a timer; and shutdown writes what
// is left. Once anything waits on disk, new items queue behind it, keeping order.
import PQueue from "p-queue";
import type { ExportResult, ObservabilityAdapter } from "../adapter.js";
import type { ReadonlySpan } from "../model/span.js";
import type { Score } from "../model/score.js";
import { DeliveryCounters, type AdapterStats } from "./delivery-counters.js";
import { describeError, guardedExport, guardedShutdown } from "./guarded-adapter.js";
import { IdleWaiters } from "./idle-waiters.js";
import { PendingItems } from "./pending-items.js";
import { scoreItem, sortPartial, spanItem, sumBytes, toExportBatch, type QueueItem } from "./queue-item.js";
import { resolveQueueSettings, type DeliveryQueueOptions, type QueueSettings } from "./queue-settings.js";
import type { SpoolOptions } from "../spool/spool-options.js";
import { planRetry } from "./retry-plan.js";
import { RetryWaits } from "./retry-waits.js";
import { clampTimerDelay, unrefTimer } from "./timers.js";
import type { AdapterSpool } from "../spool/adapter-spool.js";
import { openQueueSpooling, type QueueSpooling } from "./queue-spooling.js";

export type { AdapterStats } from "./delivery-counters.js";
export type { DeliveryQueueOptions } from "./queue-settings.js";

/** What shutdown hands back for the spool. */
export interface UndeliveredItems {
  spans: ReadonlySpan[];
  scores: Score[];
}

/** How long flush and shutdown wait when the caller names no timeout. */
const DEFAULT_FLUSH_TIMEOUT_MS = 30_000;

export class DeliveryQueue {
  readonly #adapter: ObservabilityAdapter;
  readonly #settings: QueueSettings;
  readonly #counters: DeliveryCounters;
  readonly #sends: PQueue;

  readonly #pending: PendingItems;
  readonly #waits = new RetryWaits<QueueItem>();
  /** Batches handed to p-queue and not settled yet. */
  readonly #inFlight = new Set<QueueItem[]>();
  #inFlightCount = 0;
  /** Estimated bytes of every sized item held (ready, waiting, in flight). */
  #heldBytes = 0;

  #drainTimer: ReturnType<typeof setTimeout> | undefined;
  #batchTimer: ReturnType<typeof setTimeout> | undefined;
  /** The batching timer expired (or a retry woke): send partial batches until `ready` empties. */
  #partialDue = false;
  #flushing = 0;
  #closed = false;
  /** Set while the queue drops for being full, so the warning is logged once per episode. */
  #full = false;
  readonly #idleWaiters = new IdleWaiters();
  #shutdown: Promise<UndeliveredItems> | undefined;

  readonly #spooling: QueueSpooling | undefined;
  /** `#spooling.spool`, read on the hot path. */
  readonly #spool: AdapterSpool | undefined;

  constructor(options: DeliveryQueueOptions) {
    this.#adapter = options.adapter;
    this.#settings = resolveQueueSettings(options);
    this.#counters = new DeliveryCounters(safeName(options.adapter), this.#settings.secrets, this.#settings.log);
    this.#sends = new PQueue({ concurrency: this.#settings.concurrency });
    this.#pending = new PendingItems(this.#settings);
    this.#spooling = options.spool === undefined ? undefined : this.#openSpool(options.spool);
    this.#spool = this.#spooling?.spool;
  }

  /** Queues an ended span. O(1), never throws; drops and counts when full. */
  enqueueSpan(span: ReadonlySpan): void {
    this.#accept([spanItem(span)]);
  }

  /** Queues a score. O(1), never throws; drops and counts when full. */
  enqueueScore(score: Score): void {
    this.#accept([scoreItem(score)]);
  }

  /** Queues what one hub drain hands over: its spans, then its scores. Never throws; drops and counts what does not fit. */
  enqueueAll(spans: readonly ReadonlySpan[], scores: readonly Score[]): void {
    // Sized up front: no growth copies (allocation here is what young-generation GC pays for).
    const items = new Array<QueueItem>(spans.length + scores.length);
    for (let i = 0; i < spans.length; i++) items[i] = spanItem(spans[i] as ReadonlySpan);
    for (let i = 0; i < scores.length; i++) items[spans.length + i] = scoreItem(scores[i] as Score);
    this.#accept(items);
  }

  /**
   * Sends everything queued now, ignoring the batching timer, and waits for
   * sends and pending retries until nothing remains (true) or `timeoutMs`
   * elapses (false). Never rejects.
   */
  async flush(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<boolean> {
    try {
      if (this.#isIdle()) return true;
      this.#flushing++;
      try {
        const idle = this.#idleWaiters.wait(clampTimerDelay(timeoutMs));
        this.#drainNow(); // may settle the wait at once
        return await idle;
      } finally {
        this.#flushing--;
      }
    } catch {
      return false;
    }
  }

  /**
   * Flushes within `timeoutMs`, stops the queue, shuts the adapter down within
   * what is left of `timeoutMs`, and returns what could not be delivered (for
   * the spool). Never rejects. Items inside a hanging export are returned too:
   * resending is safe because backends deduplicate on span and score ids.
   */
  shutdown(timeoutMs: number = DEFAULT_FLUSH_TIMEOUT_MS): Promise<UndeliveredItems> {
    // A second call gets nothing back: the first already handed everything over.
    if (this.#shutdown !== undefined) return this.#shutdown.then(() => ({ spans: [], scores: [] }));
    this.#shutdown = this.#shutDown(timeoutMs);
    return this.#shutdown;
  }

  async #shutDown(timeoutMs: number): Promise<UndeliveredItems> {
    const undelivered: UndeliveredItems = { spans: [], scores: [] };
    const startedAt = Date.now();
    await this.flush(timeoutMs);
    try {
      this.#closed = true;
      const items = this.#takeEverything();
      for (const item of items) {
        if (item.kind === "span") undelivered.spans.push(item.span);
        else undelivered.scores.push(item.score);
      }
      // Before the adapter's own shutdown, which may hang: the leftovers are on disk whatever happens next.
      this.#spool?.persistSync(items);
      this.#idleWaiters.settle(undelivered.spans.length + undelivered.scores.length === 0);
      const problem = await guardedShutdown(this.#adapter, Math.max(0, timeoutMs - (Date.now() - startedAt)));
      if (problem !== undefined) this.#counters.noteError(problem, "warn");
    } catch (error) {
      this.#counters.noteError(`shutdown: ${describeError(error)}`);
    }
    return undelivered;
  }

  /**
   * For process exit: writes everything held to the spool synchronously and
   * stops the queue. Without a spool it only stops the queue.
   */
  spoolAndClose(): void {
    try {
      if (this.#closed) return;
      this.#closed = true;
      this.#spool?.persistSync(this.#takeEverything());
      this.#idleWaiters.settle(false);
    } catch (error) {
      this.#counters.noteError(`spool at exit: ${describeError(error)}`);
    }
  }

  stats(): AdapterStats {
    const queued = this.#pending.count + this.#waits.count;
    return this.#counters.snapshot(queued, this.#inFlightCount, this.#spool?.counts());
  }

  // --- enqueue (hot path) ---------------------------------------------------

  /** Queues `items` (handed over: the queue may keep the array itself). */
  #accept(items: QueueItem[]): void {
    try {
      if (this.#closed) {
        this.#counters.dropped += items.length;
        return;
      }
      // A spool backlog means older items wait on disk: queue behind them to keep order.
      const room = this.#spool?.backlogged === true ? 0 : this.#settings.maxQueueItems - this.#heldCount();
      const fits = Math.max(0, Math.min(room, items.length));
      for (let i = fits; i < items.length; i++) this.#overflow(items[i] as QueueItem, `queue full: ${this.#settings.maxQueueItems} items held`);
      if (fits === 0) return;
      if (fits < items.length) items.length = fits;
      this.#pending.pushAll(items);
      this.#full = false;
      if (this.#drainTimer === undefined) this.#drainTimer = unrefTimer(() => this.#drain(), 0);
      if (this.#batchTimer === undefined) this.#armBatchTimer();
    } catch {
      // Tracing never throws into the application.
    }
  }

  // --- batching -------------------------------------------------------------

  #drainNow(): void {
    if (this.#drainTimer !== undefined) clearTimeout(this.#drainTimer);
    this.#drain();
  }

  #drain(): void {
    this.#drainTimer = undefined;
    if (this.#closed) return;
    try {
      const pending = this.#pending;
      pending.sizeIncoming(
        this.#settings.estimate,
        (bytes, item) => this.#admitBytes(bytes, item),
        Date.now() + this.#settings.flushIntervalMs,
      );
      while (this.#inFlight.size < this.#settings.concurrency && pending.readyCount > 0) {
        if (!pending.hasFullBatch() && !this.#partialDue && this.#flushing === 0) break;
        this.#send(pending.cutBatch());
      }
      if (pending.readyCount === 0) this.#partialDue = false;
      else if (!this.#partialDue && this.#batchTimer === undefined) this.#armBatchTimer();
    } catch (error) {
      this.#counters.noteError(`delivery queue: ${describeError(error)}`);
    }
    this.#spooling?.afterDrain();
    this.#notifyIfIdle();
  }

  #armBatchTimer(): void {
    this.#batchTimer = unrefTimer(() => {
      this.#batchTimer = undefined;
      this.#partialDue = true;
      this.#drain();
    }, this.#settings.flushIntervalMs);
  }

  /** The byte bound, enforced when items are sized (off the hot path). */
  #admitBytes(bytes: number, item: QueueItem): boolean {
    // Items sized here were accepted before any backlog formed: only the byte bound sends them to disk.
    if (this.#heldBytes + bytes > this.#settings.maxQueueBytes) {
      this.#overflow(item, `queue full: ${this.#settings.maxQueueBytes} estimated bytes held`);
      return false;
    }
    this.#heldBytes += bytes;
    return true;
  }

  // --- sending and results ---------------------------------------------------

  #send(batch: QueueItem[]): void {
    this.#inFlight.add(batch);
    this.#inFlightCount += batch.length;
    this.#spooling?.markSent(batch);
    const exportBatch = toExportBatch(batch);
    const { exportTimeoutMs } = this.#settings;
    this.#sends
      .add(() => guardedExport(this.#adapter, exportBatch, exportTimeoutMs))
      .then(
        (result) => this.#settle(batch, result),
        (error: unknown) => this.#settle(batch, { kind: "retry", reason: describeError(error) }),
      );
  }

  #settle(batch: QueueItem[], result: ExportResult): void {
    // Not in flight any more: shutdown already handed these items to the spool.
    if (!this.#inFlight.delete(batch)) return;
    this.#inFlightCount -= batch.length;
    try {
      this.#applyResult(batch, result);
    } catch (error) {
      this.#counters.noteError(`delivery queue: ${describeError(error)}`);
    }
    this.#drain(); // a slot is free
  }

  #applyResult(batch: QueueItem[], result: ExportResult): void {
    const counters = this.#counters;
    if (this.#spooling !== undefined) this.#spooling.backendAnswering = result.kind !== "retry";
    switch (result.kind) {
      case "ok":
        this.#release(batch);
        counters.exported += batch.length;
        return;
      case "fail":
        this.#release(batch);
        counters.failed += batch.length;
        counters.noteError(result.reason, "warn");
        return;
      case "retry":
        this.#retryOrDrop(batch, result.reason, result.afterMs);
        return;
      case "partial": {
        const { delivered, retry, failed, retryReason, failReason } = sortPartial(batch, result.rejected);
        counters.exported += delivered.length;
        counters.failed += failed.length;
        this.#release(delivered);
        this.#release(failed);
        if (failed.length > 0) counters.noteError(failReason, "warn");
        if (retry.length > 0) this.#retryOrDrop(retry, retryReason, result.afterMs);
        return;
      }
    }
  }

  #retryOrDrop(items: QueueItem[], reason: string, afterMs?: number): void {
    const { again, exhausted, delayMs } = planRetry(items, afterMs, this.#settings);
    if (exhausted.length > 0) {
      this.#release(exhausted);
      this.#counters.dropped += exhausted.length;
      this.#counters.noteError(`gave up after ${this.#settings.maxAttempts} attempts: ${reason}`, "warn");
    }
    if (again.length === 0) return;
    this.#counters.retried += again.length;
    this.#counters.noteError(reason, "debug");
    this.#waits.hold(again, delayMs, (woken) => this.#wake(woken));
  }

  /** A retry wait is over: its items rejoin `ready` and go out without waiting for the batching timer. */
  #wake(items: QueueItem[]): void {
    if (this.#closed) return;
    this.#pending.requeue(items);
    this.#partialDue = true;
    this.#drain();
  }

  // --- bookkeeping -------------------------------------------------------------

  /** The items' fate is final (delivered, rejected, given up). */
  #release(items: readonly QueueItem[]): void {
    this.#heldBytes -= sumBytes(items);
    this.#spool?.ack(items);
  }

  /** Every item the queue holds: the count bound covers retries and in-flight items too. */
  #heldCount(): number {
    return this.#pending.count + this.#waits.count + this.#inFlightCount;
  }

  #dropFull(reason: string): void {
    this.#counters.dropped++;
    // Note and log once per episode: a full queue can drop thousands of spans a second.
    if (this.#full) return;
    this.#full = true;
    this.#counters.noteError(reason, "warn");
  }

  /** Nothing held in memory and nothing waiting in the spool to be read back. */
  #isIdle(): boolean {
    return this.#heldCount() === 0 && this.#spool?.backlogged !== true;
  }

  #notifyIfIdle(): void {
    if (this.#idleWaiters.size > 0 && this.#isIdle()) this.#idleWaiters.settle(true);
  }

  /** Stops every timer and removes every held item, for shutdown. */
  #takeEverything(): QueueItem[] {
    if (this.#drainTimer !== undefined) clearTimeout(this.#drainTimer);
    if (this.#batchTimer !== undefined) clearTimeout(this.#batchTimer);
    this.#spooling?.stop();
    this.#drainTimer = this.#batchTimer = undefined;
    const items = [...this.#pending.takeAll(), ...this.#waits.takeAll()];
    for (const batch of this.#inFlight) items.push(...batch);
    this.#inFlight.clear();
    this.#heldBytes = this.#inFlightCount = 0;
    this.#sends.clear();
    return items;
  }

  // --- spool --------------------------------------------------------------------

  #openSpool(options: SpoolOptions): QueueSpooling | undefined {
    return openQueueSpooling(options, this.#counters, {
      isClosed: () => this.#closed,
      heldCount: () => this.#heldCount(),
      heldBytes: () => this.#heldBytes,
      maxQueueItems: this.#settings.maxQueueItems,
      maxQueueBytes: this.#settings.maxQueueBytes,
      forEachHeld: (visit) => {
        this.#pending.forEachReady(visit);
        this.#waits.forEach(visit);
        for (const batch of this.#inFlight) batch.forEach(visit);
      },
      takeBack: (items) => this.#takeBack(items),
      drain: () => this.#drain(),
    });
  }

  /** An item the queue cannot hold: to the spool, or dropped and counted when there is none or it is full too. */
  #overflow(item: QueueItem, reason: string): void {
    if (this.#spool?.overflow(item) === true) return;
    this.#dropFull(reason);
  }

  /** Records read back from the spool join the queue (already marked as spooled). */
  #takeBack(items: QueueItem[]): void {
    const dueAt = Date.now() + this.#settings.flushIntervalMs;
    for (const item of items) {
      item.bytes = this.#settings.estimate(item);
      item.dueAt = dueAt;
      this.#heldBytes += item.bytes;
    }
    this.#pending.requeue(items);
  }
}

function safeName(adapter: ObservabilityAdapter): string {
  try {
    return String(adapter.name);
  } catch {
    return "unknown";
  }
}
