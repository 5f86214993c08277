// The DeliveryQueue's side of its disk spool: when to read spooled records
// back, and the timer that copies items held past their due time to disk.
// Kept apart from the queue so the queue reads as batching, sending and
// retrying; it reaches the queue only through SpoolingHost.
import { AdapterSpool } from "../spool/adapter-spool.js";
import { resolveSpoolSettings, type SpoolOptions } from "../spool/spool-options.js";
import type { DeliveryCounters } from "./delivery-counters.js";
import { describeError } from "./guarded-adapter.js";
import type { QueueItem } from "./queue-item.js";
import { unrefTimer } from "./timers.js";

/** What the spooling needs from its queue. */
export interface SpoolingHost {
  isClosed(): boolean;
  heldCount(): number;
  heldBytes(): number;
  maxQueueItems: number;
  maxQueueBytes: number;
  /** Every item held in memory and sized: ready, waiting for a retry, in flight. */
  forEachHeld(visit: (item: QueueItem) => void): void;
  /** Records read back join the queue. */
  takeBack(items: QueueItem[]): void;
  drain(): void;
}

/** The queue's spooling, reporting into its counters; undefined (spool off, noted) if it cannot be set up. */
export function openQueueSpooling(
  options: SpoolOptions,
  counters: DeliveryCounters,
  host: SpoolingHost,
): QueueSpooling | undefined {
  try {
    const late: { spooling?: QueueSpooling } = {}; // the hooks need the object built below
    const spool = new AdapterSpool(
      resolveSpoolSettings(options),
      {
        onDrop: (count, reason) => {
          counters.dropped += count;
          counters.noteError(reason, "warn");
        },
        onBacklog: () => late.spooling?.readBackIfRoom(),
        onError: (message) => counters.noteError(message, "debug"),
      },
      // Overflow waiting for the disk writer: as much as memory holds, and enough
      // to absorb a burst the writer has not had a turn to take yet.
      Math.max(host.maxQueueItems, 4_096),
    );
    late.spooling = new QueueSpooling(spool, host, counters);
    return late.spooling;
  } catch (error) {
    counters.noteError(`spool disabled: ${describeError(error)}`, "warn");
    return undefined;
  }
}

export class QueueSpooling {
  /** The last export got an answer (not "retry"): the backlog may be read back while items are held. */
  backendAnswering = true;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #readingBack = false;
  readonly #tickMs: number;

  constructor(
    readonly spool: AdapterSpool,
    private readonly host: SpoolingHost,
    private readonly counters: DeliveryCounters,
  ) {
    // Checked four times per interval, so nothing waits much past its interval.
    this.#tickMs = Math.max(1, Math.floor(spool.settings.intervalMs / 4));
  }

  /** After each drain: read back if there is room, and keep the timer running while items are held. */
  afterDrain(): void {
    this.readBackIfRoom();
    this.#armTimer();
  }

  /** Batch handed to export now: the spool interval of its items runs from here at the latest. */
  markSent(batch: readonly QueueItem[]): void {
    const now = Date.now();
    for (const item of batch) if (item.dueAt > now) item.dueAt = now;
  }

  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Reads the oldest spooled records back once memory is at most half full,
   * and while items are held only if the backend answers again (so a long
   * outage leaves its backlog on disk rather than cycling it through retries).
   */
  readBackIfRoom(): void {
    const { spool, host } = this;
    if (!spool.backlogged || this.#readingBack || host.isClosed()) return;
    const held = host.heldCount();
    if (held > 0 && (!this.backendAnswering || held * 2 > host.maxQueueItems || host.heldBytes() * 2 > host.maxQueueBytes)) {
      return;
    }
    this.#readingBack = true;
    void spool
      .readBack(host.maxQueueItems - held, (items) => host.takeBack(items))
      .then((count) => {
        this.#readingBack = false;
        // Nothing read: the writer's next append (onBacklog) or a freed slot calls again.
        if (count > 0) host.drain();
      });
  }

  #armTimer(): void {
    if (this.#timer !== undefined || this.host.isClosed() || this.host.heldCount() === 0) return;
    this.#timer = unrefTimer(() => this.#tick(), this.#tickMs);
  }

  /** Copies to disk the items held a spool interval past their due time. */
  #tick(): void {
    this.#timer = undefined;
    if (this.host.isClosed()) return;
    try {
      const cutoff = Date.now() - (this.spool.settings.intervalMs - this.#tickMs);
      const due: QueueItem[] = [];
      this.host.forEachHeld((item) => {
        if (item.spooledIn === undefined && item.bytes >= 0 && item.dueAt <= cutoff) due.push(item);
      });
      this.spool.checkpoint(due);
    } catch (error) {
      this.counters.noteError(`spool: ${describeError(error)}`);
    }
    this.#armTimer();
  }
}
