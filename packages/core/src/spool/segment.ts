// One spool file and its bookkeeping. A segment is append-only; it is deleted
// once every record in it has reached a final state (delivered, rejected or
// dropped for good) and, for records that live only on disk, has been read back.
//
// File name: `<stem>.<owner pid>-<owner token>.spool`. The stem (creation time,
// sequence, creator) sorts segments oldest first and never changes; the owner
// part says which live spool may use the file. Claiming a dead owner's segment
// is an atomic rename to our own owner part, so of two processes starting on
// the same directory exactly one gets it.
import path from "node:path";

/**
 * - `checkpoint`: copies of items still held in memory (crash safety); never read back by this process.
 * - `overflow`: items only on disk (the queue was full); read back into the queue as memory frees up.
 * - `recovered`: claimed from a dead process; read back like overflow.
 */
export type SegmentRole = "checkpoint" | "overflow" | "recovered";

export interface SegmentOwner {
  pid: number;
  token: string;
}

const FILE_PATTERN = /^(\d{13}-\d{6}-[0-9a-f]{8})\.(\d+)-([0-9a-f]{8})\.spool$/;
export const SEGMENT_SUFFIX = ".spool";

export class Segment {
  /** Records known in the file: appended (own segments) or read so far (recovered ones). */
  records = 0;
  /** Records that reached a final state. */
  acked = 0;
  /** Bytes committed to the file. */
  bytes = 0;
  /** Bytes read back so far (overflow and recovered segments). */
  readOffset = 0;
  /** Appends in flight, and the bytes they carry. */
  writing = 0;
  pendingBytes = 0;
  /** No more appends: rotated, failed, or recovered from disk. */
  sealed = false;
  deleted = false;
  /** Open append descriptor of an own segment; closed when sealed and idle. */
  fd: number | undefined;

  constructor(
    readonly dir: string,
    readonly stem: string,
    public owner: SegmentOwner,
    readonly role: SegmentRole,
  ) {}

  get fileName(): string {
    return `${this.stem}.${this.owner.pid}-${this.owner.token}${SEGMENT_SUFFIX}`;
  }

  get path(): string {
    return path.join(this.dir, this.fileName);
  }

  /** Unread bytes: records on disk the queue has not taken back yet. */
  get unread(): number {
    return this.role === "checkpoint" ? 0 : Math.max(0, this.bytes - this.readOffset);
  }

  /** Every record final and nothing more to come: the file can go. */
  get settled(): boolean {
    return this.sealed && this.writing === 0 && this.acked >= this.records && this.unread === 0;
  }
}

/** `<13-digit ms>-<6-digit seq>-<creator token>`: sorts by creation. */
export function newStem(createdAt: number, seq: number, token: string): string {
  return `${String(Math.max(0, Math.floor(createdAt))).padStart(13, "0")}-${String(seq % 1_000_000).padStart(6, "0")}-${token}`;
}

export function parseSegmentFileName(file: string): { stem: string; owner: SegmentOwner } | undefined {
  const match = FILE_PATTERN.exec(file);
  if (match === null) return undefined;
  return { stem: match[1] as string, owner: { pid: Number(match[2]), token: match[3] as string } };
}

/** Tokens of the spools open in this process: a segment of our pid with another token is a past life's. */
export const LIVE_TOKENS = new Set<string>();

/** Whether the owner may still be using its segments (then they are not ours to claim). */
export function isOwnerAlive(owner: SegmentOwner): boolean {
  if (owner.pid === process.pid) return LIVE_TOKENS.has(owner.token);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
