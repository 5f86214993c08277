// One adapter's disk spool. Three things go to disk, never on the hot path:
// - overflow: items the queue cannot hold (memory bound reached, or older
//   items are already waiting on disk and order must be kept), read back
//   oldest first as memory frees up;
// - checkpoints: copies of items held in memory past their due time (backend
//   down, retries pending), so a crash loses at most one spool interval;
// - at shutdown or exit, everything still undelivered (persistSync).
// Segments left by a dead process are claimed at start and read back like
// overflow. A segment is deleted once every record in it reached a final
// state. Every failure here is counted or logged, never thrown.
import { randomBytes } from "node:crypto";
import { scoreItem, spanItem, type QueueItem } from "../delivery/queue-item.js";
import { splitLines } from "./spool-record.js";
import { LIVE_TOKENS, type Segment, type SegmentOwner } from "./segment.js";
import {
  claimAbandonedSegments,
  closeQuietly,
  copyUnreadSync,
  openForAppend,
  readChunk,
  removeDirIfEmptySync,
  unlinkQuietlySync,
} from "./segment-files.js";
import { SegmentStore } from "./segment-store.js";
import { SPOOL_DEFAULTS, type SpoolSettings } from "./spool-options.js";

export interface SpoolHooks {
  /** Items given up on (disk cap, write failure, unserialisable). */
  onDrop(count: number, reason: string): void;
  /** Records wait on disk: read them back when there is room. */
  onBacklog(): void;
  onError(message: string): void;
}

export interface SpoolCounts {
  /** Records written to disk. */
  spooled: number;
  /** Records read back from disk into the queue. */
  unspooled: number;
  /** Damaged or invalid records skipped when reading back. */
  skipped: number;
  /** Bytes of this adapter's segments on disk now. */
  bytes: number;
}

export class AdapterSpool {
  readonly settings: SpoolSettings;
  /** True while items wait outside memory (handoff or disk): new items queue behind them, keeping order. */
  backlogged = false;
  readonly #hooks: SpoolHooks;
  readonly #owner: SegmentOwner;
  readonly #maxHandoff: number;
  readonly #store: SegmentStore;
  /** Overflow and recovered segments with records to read back, oldest first. */
  #backlog: Segment[] = [];
  /** Overflow items waiting to be written, oldest first. */
  #handoff: QueueItem[] = [];
  /** The overflow items of the append in flight. */
  #overflowWriting: QueueItem[] | undefined;
  #writerScheduled = false;
  #counts = { spooled: 0, unspooled: 0, skipped: 0 };
  /** Resolves once segments left by dead processes have been claimed. */
  readonly ready: Promise<void>;

  constructor(settings: SpoolSettings, hooks: SpoolHooks, maxHandoff: number) {
    this.settings = settings;
    this.#hooks = hooks;
    this.#maxHandoff = Math.max(1, maxHandoff);
    this.#owner = { pid: process.pid, token: randomBytes(4).toString("hex") };
    LIVE_TOKENS.add(this.#owner.token);
    this.#store = new SegmentStore(settings, this.#owner, {
      onDrop: (count, reason) => hooks.onDrop(count, reason),
      onError: (message) => hooks.onError(message),
      onNewOverflowSegment: (segment) => this.#backlog.push(segment),
    });
    this.ready = this.#recover();
  }

  counts(): SpoolCounts {
    return { ...this.#counts, bytes: this.#store.diskBytes };
  }

  // --- overflow ---------------------------------------------------------------

  /** Hot-path safe (O(1), no I/O): takes an item the queue cannot hold; false when the spool cannot either. */
  overflow(item: QueueItem): boolean {
    if (this.#store.closed || this.#handoff.length >= this.#maxHandoff) return false;
    this.#handoff.push(item);
    this.backlogged = true;
    if (!this.#writerScheduled) {
      this.#writerScheduled = true;
      setImmediate(() => void this.#writeOverflow());
    }
    return true;
  }

  async #writeOverflow(): Promise<void> {
    try {
      while (!this.#store.closed && this.#handoff.length > 0) {
        const chunk = this.#handoff.splice(0, SPOOL_DEFAULTS.recordsPerWrite);
        const { data, written } = this.#store.encode(chunk, "overflow");
        if (data === undefined) continue;
        const segment = this.#store.segmentFor("overflow", data.length);
        if (segment === undefined) {
          this.#hooks.onDrop(written.length, "spool: cannot create a segment");
          continue;
        }
        segment.records += written.length;
        this.#overflowWriting = chunk;
        const ok = await this.#store.append(segment, data);
        this.#overflowWriting = undefined;
        if (this.#store.closed) return; // persistSync took this chunk
        if (ok) {
          this.#counts.spooled += written.length;
        } else {
          segment.records -= written.length;
          this.#hooks.onDrop(written.length, "spool: write failed");
        }
        this.#hooks.onBacklog();
      }
    } catch (error) {
      this.#hooks.onError(`spool: ${String(error)}`);
    } finally {
      this.#writerScheduled = false;
      this.#updateBacklogged();
    }
  }

  // --- checkpoints --------------------------------------------------------------

  /** Copies items held in memory to disk (asynchronously); they are acknowledged when delivered. */
  checkpoint(items: QueueItem[]): void {
    if (this.#store.closed || items.length === 0) return;
    try {
      const { data, written } = this.#store.encode(items, "checkpoint");
      if (data === undefined) return;
      const segment = this.#store.segmentFor("checkpoint", data.length);
      if (segment === undefined) return;
      segment.records += written.length;
      for (const item of written) item.spooledIn = segment;
      void this.#store.append(segment, data).then((ok) => {
        if (ok) this.#counts.spooled += written.length;
        else this.#unmark(segment, written);
      });
    } catch (error) {
      this.#hooks.onError(`spool: ${String(error)}`);
    }
  }

  /** A failed checkpoint: its items are only in memory again. */
  #unmark(segment: Segment, items: readonly QueueItem[]): void {
    let stillMarked = 0;
    for (const item of items) {
      if (item.spooledIn !== segment) continue;
      item.spooledIn = undefined;
      stillMarked++;
    }
    segment.records -= items.length;
    segment.acked -= items.length - stillMarked;
    this.#store.settleIfDone(segment);
  }

  /** The items reached a final state (delivered, rejected, given up): their records are done. */
  ack(items: readonly QueueItem[]): void {
    for (const item of items) {
      const segment = item.spooledIn;
      if (segment === undefined) continue;
      item.spooledIn = undefined;
      segment.acked++;
      if (segment.acked >= segment.records) this.#store.settleIfDone(segment);
    }
  }

  // --- read back ----------------------------------------------------------------

  /**
   * Reads up to `maxItems` of the oldest waiting records (one chunk of one
   * segment) and hands them to `take` synchronously, so no item is ever in
   * transit where a shutdown could miss it. Returns how many were handed over.
   */
  async readBack(maxItems: number, take: (items: QueueItem[]) => void): Promise<number> {
    try {
      while (!this.#store.closed) {
        const segment = this.#backlog[0];
        if (segment === undefined) break;
        if (segment.deleted || (segment.unread === 0 && segment.sealed)) {
          this.#backlog.shift();
          this.#store.settleIfDone(segment);
          continue;
        }
        if (segment.unread === 0) break; // the open overflow segment, caught up
        const items = await this.#readFrom(segment, maxItems);
        if (items === undefined) return 0; // closed meanwhile: the records stay on disk
        if (items.length > 0) {
          this.#counts.unspooled += items.length;
          take(items);
          return items.length;
        }
        // Only damaged records in that chunk: the offset moved on, keep reading.
      }
      if (this.#store.closed || this.#overflowWriting !== undefined || this.#backlog.some((s) => s.unread > 0)) return 0;
      // Disk caught up: the newest overflow items can skip it.
      const items = this.#handoff.splice(0, maxItems);
      if (items.length > 0) take(items);
      return items.length;
    } catch (error) {
      this.#hooks.onError(`spool: reading back failed: ${String(error)}`);
      return 0;
    } finally {
      this.#updateBacklogged();
    }
  }

  /** Reads and consumes complete records from the segment's read offset; undefined when closed meanwhile. */
  async #readFrom(segment: Segment, maxItems: number): Promise<QueueItem[] | undefined> {
    let chunkBytes: number = SPOOL_DEFAULTS.readChunkBytes;
    for (;;) {
      const length = Math.min(chunkBytes, segment.unread);
      const chunk = await readChunk(segment.path, segment.readOffset, length);
      if (this.#store.closed || segment.deleted) return undefined;
      const lines = splitLines(chunk, Math.max(1, maxItems));
      if (lines.length === 0) {
        if (chunk.length < length || length === segment.unread) {
          // No newline before the end: a record torn by a crash mid-write.
          segment.readOffset = segment.bytes;
          if (segment.role === "recovered") segment.records++;
          this.#skip(segment);
          return [];
        }
        chunkBytes *= 2; // one record larger than the chunk
        continue;
      }
      const items: QueueItem[] = [];
      for (const line of lines) {
        segment.readOffset += line.bytes;
        if (segment.role === "recovered") segment.records++;
        if (line.record === undefined) this.#skip(segment);
        else items.push(line.record.kind === "span" ? spanItem(line.record.span, segment) : scoreItem(line.record.score, segment));
      }
      return items;
    }
  }

  #skip(segment: Segment): void {
    this.#counts.skipped++;
    segment.acked++; // a damaged record is final: it can never be delivered
    this.#hooks.onError("spool: skipped a damaged or invalid record");
  }

  // --- shutdown -------------------------------------------------------------------

  /**
   * Writes `held` (everything the queue still holds), the overflow not yet on
   * disk and the unread rest of partly read segments into one new segment,
   * synchronously, and deletes the segments that are now redundant. The spool
   * is closed afterwards. Used at shutdown and on process exit.
   */
  persistSync(held: readonly QueueItem[]): void {
    if (this.#store.closed) return;
    this.#store.closed = true;
    LIVE_TOKENS.delete(this.#owner.token);
    const pending = [...held, ...(this.#overflowWriting ?? []), ...this.#handoff];
    this.#handoff = [];
    let out: Segment | undefined;
    const output = (): Segment => {
      out ??= this.#store.newSegment("overflow");
      out.fd ??= openForAppend(out);
      return out;
    };
    try {
      for (const segment of this.#store.sorted()) {
        const keep = segment.role !== "checkpoint" && segment.readOffset === 0 && segment.writing === 0 && segment.unread > 0;
        if (keep) {
          closeQuietly(segment.fd);
          segment.fd = undefined;
          continue;
        }
        if (segment.unread > 0) {
          const target = output();
          this.#store.countCopied(target, copyUnreadSync(segment, target.fd as number));
        }
        this.#store.deleteSync(segment);
      }
      this.#writeHeldSync(pending, output);
    } catch (error) {
      this.#hooks.onError(`spool: writing at shutdown failed: ${String(error)}`);
    } finally {
      if (out !== undefined) {
        closeQuietly(out.fd);
        out.fd = undefined;
        if (out.bytes === 0) unlinkQuietlySync(out.path);
      }
      if (this.#store.size === 0 && (out === undefined || out.bytes === 0)) removeDirIfEmptySync(this.settings.dir);
    }
  }

  #writeHeldSync(items: readonly QueueItem[], output: () => Segment): void {
    for (let start = 0; start < items.length; start += SPOOL_DEFAULTS.recordsPerWrite) {
      const chunk = items.slice(start, start + SPOOL_DEFAULTS.recordsPerWrite);
      const { data, written } = this.#store.encode(chunk, "overflow");
      if (data === undefined) continue;
      this.#store.appendSync(output(), data);
      this.#counts.spooled += written.length;
    }
  }

  // --- segments --------------------------------------------------------------------

  async #recover(): Promise<void> {
    try {
      const claimed = await claimAbandonedSegments(this.settings.dir, this.#owner);
      if (claimed.length === 0) return;
      if (this.#store.closed) {
        // Shut down before the scan finished: hand the files back (unowned) for the next start.
        LIVE_TOKENS.delete(this.#owner.token);
        return;
      }
      this.#store.adopt(claimed);
      this.#backlog = [...claimed, ...this.#backlog];
      this.#updateBacklogged();
      this.#hooks.onBacklog();
    } catch (error) {
      this.#hooks.onError(`spool: scanning ${this.settings.dir} failed: ${String(error)}`);
    }
  }

  #updateBacklogged(): void {
    this.backlogged =
      !this.#store.closed &&
      (this.#handoff.length > 0 || this.#overflowWriting !== undefined || this.#backlog.some((s) => s.unread > 0));
  }
}
