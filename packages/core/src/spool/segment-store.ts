// The files of one adapter's spool: creating, appending to, sealing and
// deleting segments, and the disk accounting behind the cap. Appends run one
// at a time, in order; a failed append cuts the file back to its last complete
// record and seals it, so nothing is ever appended after a torn record.
import fs from "node:fs";
import type { QueueItem } from "../delivery/queue-item.js";
import { encodeRecord } from "./spool-record.js";
import { Segment, newStem, type SegmentOwner, type SegmentRole } from "./segment.js";
import { appendAll, appendAllSync, closeQuietly, openForAppend, unlinkQuietly, unlinkQuietlySync } from "./segment-files.js";
import { SPOOL_DEFAULTS, type SpoolSettings } from "./spool-options.js";

export interface SegmentStoreHooks {
  onDrop(count: number, reason: string): void;
  onError(message: string): void;
  /** A new overflow segment: its records are to be read back. */
  onNewOverflowSegment(segment: Segment): void;
}

export class SegmentStore {
  /** Set once the spool wrote its last state (shutdown or exit): nothing more changes on disk. */
  closed = false;
  readonly #segments = new Set<Segment>();
  #current: Partial<Record<SegmentRole, Segment>> = {};
  #appends: Promise<unknown> = Promise.resolve();
  #diskBytes = 0;
  #pendingBytes = 0;
  #seq = 0;

  constructor(
    readonly settings: SpoolSettings,
    readonly owner: SegmentOwner,
    private readonly hooks: SegmentStoreHooks,
  ) {}

  /** Bytes of live segments on disk. */
  get diskBytes(): number {
    return this.#diskBytes;
  }

  get size(): number {
    return this.#segments.size;
  }

  /** Live segments, oldest first. */
  sorted(): Segment[] {
    return [...this.#segments].sort((a, b) => (a.stem < b.stem ? -1 : 1));
  }

  /** Takes over segments claimed from a dead process. */
  adopt(segments: readonly Segment[]): void {
    for (const segment of segments) {
      this.#segments.add(segment);
      this.#diskBytes += segment.bytes;
    }
  }

  /** Bytes copied into `segment` from another file (shutdown and exit only). */
  countCopied(segment: Segment, bytes: number): void {
    segment.bytes += bytes;
    this.#diskBytes += bytes;
  }

  /** Synchronous append (shutdown and exit only). */
  appendSync(segment: Segment, data: Buffer): void {
    appendAllSync(segment.fd as number, data);
    segment.bytes += data.length;
    this.#diskBytes += data.length;
  }

  /**
   * Encodes items into one buffer, as many as fit under the disk cap. Items
   * past the cap or not serialisable are dropped and counted (overflow: they
   * exist nowhere else) or just stay in memory only (checkpoint).
   */
  encode(items: readonly QueueItem[], role: SegmentRole): { data: Buffer | undefined; written: QueueItem[] } {
    const written: QueueItem[] = [];
    let budget = this.settings.maxBytes - this.#diskBytes - this.#pendingBytes;
    let text = "";
    let unserialisable = 0;
    let full = 0;
    for (const item of items) {
      const line = encodeRecord(item.kind === "span" ? { kind: "span", span: item.span } : { kind: "score", score: item.score });
      if (line === undefined) {
        unserialisable++;
        continue;
      }
      const bytes = Buffer.byteLength(line);
      if (bytes > budget) {
        full++;
        continue;
      }
      budget -= bytes;
      text += line;
      written.push(item);
    }
    if (role === "overflow") {
      if (unserialisable > 0) this.hooks.onDrop(unserialisable, "spool: a record could not be serialised");
      if (full > 0) this.hooks.onDrop(full, `spool full (${this.settings.maxBytes} bytes)`);
    }
    return { data: written.length === 0 ? undefined : Buffer.from(text, "utf8"), written };
  }

  /** The open segment of `role` with room for `bytes`, rotating when full; undefined when none can be created. */
  segmentFor(role: SegmentRole, bytes: number): Segment | undefined {
    const current = this.#current[role];
    if (current !== undefined && !current.sealed && current.bytes + current.pendingBytes + bytes <= SPOOL_DEFAULTS.segmentBytes) {
      return current;
    }
    if (current !== undefined) this.seal(current);
    const segment = this.newSegment(role);
    try {
      segment.fd = openForAppend(segment);
    } catch (error) {
      this.hooks.onError(`spool: cannot write to ${this.settings.dir}: ${String(error)}`);
      return undefined;
    }
    this.#segments.add(segment);
    this.#current[role] = segment;
    if (role === "overflow") this.hooks.onNewOverflowSegment(segment);
    return segment;
  }

  newSegment(role: SegmentRole): Segment {
    return new Segment(this.settings.dir, newStem(Date.now(), this.#seq++, this.owner.token), this.owner, role);
  }

  /** Appends in order, one at a time; false when the write failed (the segment is then sealed and cut back). */
  append(segment: Segment, data: Buffer): Promise<boolean> {
    segment.writing++;
    segment.pendingBytes += data.length;
    this.#pendingBytes += data.length;
    const run = async (): Promise<boolean> => {
      try {
        if (this.closed || segment.deleted || segment.fd === undefined) return false;
        await appendAll(segment.fd, data);
        segment.bytes += data.length;
        this.#diskBytes += data.length;
        return true;
      } catch (error) {
        this.hooks.onError(`spool: write failed: ${String(error)}`);
        try {
          if (segment.fd !== undefined) fs.ftruncateSync(segment.fd, segment.bytes); // no torn record to append after
        } catch {
          // the segment is sealed below either way
        }
        this.seal(segment);
        return false;
      } finally {
        segment.writing--;
        segment.pendingBytes -= data.length;
        this.#pendingBytes -= data.length;
        if ((segment.sealed || this.closed) && segment.writing === 0) {
          closeQuietly(segment.fd);
          segment.fd = undefined;
        }
        if (!this.closed) this.settleIfDone(segment);
      }
    };
    const result = this.#appends.then(run);
    this.#appends = result;
    return result;
  }

  seal(segment: Segment): void {
    segment.sealed = true;
    if (this.#current[segment.role] === segment) delete this.#current[segment.role];
    if (segment.writing === 0) {
      closeQuietly(segment.fd);
      segment.fd = undefined;
    }
  }

  /** Deletes a segment whose records are all final; an idle, fully acknowledged open one is sealed first. */
  settleIfDone(segment: Segment): void {
    if (this.closed || segment.deleted) return;
    if (!segment.sealed && segment.writing === 0 && segment.acked >= segment.records && segment.unread === 0) {
      this.seal(segment);
    }
    if (!segment.settled) return;
    segment.deleted = true;
    this.#segments.delete(segment);
    this.#diskBytes -= segment.bytes;
    unlinkQuietly(segment.path);
  }

  deleteSync(segment: Segment): void {
    segment.deleted = true;
    this.#segments.delete(segment);
    this.#diskBytes -= segment.bytes;
    if (segment.writing === 0) {
      closeQuietly(segment.fd);
      segment.fd = undefined;
    }
    unlinkQuietlySync(segment.path);
  }

}
