// Per-adapter delivery counters and the last error, as the Hub reports them.
// Every error text passes through scrubSecrets before it is stored or logged.
import type { Logger } from "../adapter.js";
import { scrubSecrets } from "./scrub-secrets.js";
import type { SpoolCounts } from "../spool/adapter-spool.js";

/** Per-adapter delivery counters. Counts are items (spans + scores), not batches. */
export interface AdapterStats {
  adapter: string;
  /** Accepted by the backend. */
  exported: number;
  /** Scheduled for another attempt (each retry of an item counts once). */
  retried: number;
  /** Given up on: queue full, attempts exhausted, or enqueued after shutdown. */
  dropped: number;
  /** Rejected by the backend as not retryable. */
  failed: number;
  /** Held and not in an export call: waiting for a batch or for a retry. */
  queued: number;
  /** In export calls now. */
  inFlight: number;
  /** Written to the disk spool: overflow, copies of items held past their due time, leftovers at shutdown. */
  spooled: number;
  /** Read back from the disk spool into the queue (overflow, or segments an earlier process left). */
  unspooled: number;
  /** Damaged or invalid spool records skipped when reading back. */
  spoolSkipped: number;
  /** Bytes of this adapter's spool on disk now. */
  spoolBytes: number;
  /** Last problem seen, secrets scrubbed. */
  lastError?: string;
}

export class DeliveryCounters {
  exported = 0;
  retried = 0;
  dropped = 0;
  failed = 0;
  #lastError: string | undefined;

  constructor(
    readonly adapterName: string,
    private readonly secrets: readonly string[],
    private readonly log: Logger | undefined,
  ) {}

  /** Records `message` as the last error, scrubbed; logs it at `level` when given. */
  noteError(message: string, level?: "warn" | "debug"): void {
    const text = scrubSecrets(message, this.secrets);
    this.#lastError = text;
    if (this.log === undefined || level === undefined) return;
    try {
      this.log[level](`${this.adapterName}: ${text}`);
    } catch {
      // A broken logger must not break delivery.
    }
  }

  snapshot(queued: number, inFlight: number, spool: SpoolCounts | undefined): AdapterStats {
    const stats: AdapterStats = {
      adapter: this.adapterName,
      exported: this.exported,
      retried: this.retried,
      dropped: this.dropped,
      failed: this.failed,
      queued,
      inFlight,
      spooled: spool?.spooled ?? 0,
      unspooled: spool?.unspooled ?? 0,
      spoolSkipped: spool?.skipped ?? 0,
      spoolBytes: spool?.bytes ?? 0,
    };
    if (this.#lastError !== undefined) stats.lastError = this.#lastError;
    return stats;
  }
}
