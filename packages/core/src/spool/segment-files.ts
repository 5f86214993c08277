// File operations on segments. Appends are asynchronous (the writer runs off
// the hot path); creating a segment and the final write at shutdown or exit
// are synchronous: the first is rare and cheap, the second must finish before
// the process ends.
import fs from "node:fs";
import path from "node:path";
import { Segment, isOwnerAlive, parseSegmentFileName, type SegmentOwner } from "./segment.js";

function write(fd: number, data: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    fs.write(fd, data, (error, written) => (error ? reject(error) : resolve(written)));
  });
}
const COPY_CHUNK = 1024 * 1024;

/** Creates the directory and the file, returning an append descriptor. Throws on failure. */
export function openForAppend(segment: Segment): number {
  try {
    fs.mkdirSync(segment.dir, { recursive: true });
    return fs.openSync(segment.path, "a");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    // Another process removed the (then empty) directory between the two calls: once more.
    fs.mkdirSync(segment.dir, { recursive: true });
    return fs.openSync(segment.path, "a");
  }
}

/** Appends all of `data` (O_APPEND: a partial write continues at the end). */
export async function appendAll(fd: number, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) offset += await write(fd, data.subarray(offset));
}

export function appendAllSync(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += fs.writeSync(fd, data, offset);
}

/** Reads `length` bytes at `offset` (fewer if the file is shorter). */
export async function readChunk(filePath: string, offset: number, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, "r");
  try {
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Copies the segment's unread bytes to `out`; returns how many. */
export function copyUnreadSync(segment: Segment, out: number): number {
  const end = segment.bytes;
  let position = segment.readOffset;
  const fd = fs.openSync(segment.path, "r");
  try {
    const buffer = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(1, end - position)));
    while (position < end) {
      const read = fs.readSync(fd, buffer, 0, Math.min(buffer.length, end - position), position);
      if (read === 0) break;
      appendAllSync(out, buffer.subarray(0, read));
      position += read;
    }
  } finally {
    closeQuietly(fd);
  }
  return position - segment.readOffset;
}

export function closeQuietly(fd: number | undefined): void {
  if (fd === undefined) return;
  try {
    fs.closeSync(fd);
  } catch {
    // already closed or never valid: nothing to release
  }
}

export function unlinkQuietly(filePath: string): void {
  fs.promises.unlink(filePath).catch(() => undefined);
}

export function unlinkQuietlySync(filePath: string): void {
  try {
    fs.unlinkSync(filePath);
  } catch {
    // gone already
  }
}

/** Removes the directory if it is empty: an empty spool leaves no files behind. */
export function removeDirIfEmptySync(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // not empty, not there, or not ours to remove
  }
}

/**
 * Claims every segment in `dir` whose owner is gone, by renaming it to `owner`
 * (atomic: when two processes race for a file, one rename fails with ENOENT).
 * Returns the claimed segments oldest first. Never throws.
 */
export async function claimAbandonedSegments(dir: string, owner: SegmentOwner): Promise<Segment[]> {
  let files: string[];
  try {
    files = await fs.promises.readdir(dir);
  } catch {
    return []; // no spool yet
  }
  const claimed: Segment[] = [];
  for (const file of files.sort()) {
    const parsed = parseSegmentFileName(file);
    if (parsed === undefined || isOwnerAlive(parsed.owner)) continue;
    const segment = new Segment(dir, parsed.stem, owner, "recovered");
    try {
      await fs.promises.rename(path.join(dir, file), segment.path);
      segment.bytes = (await fs.promises.stat(segment.path)).size;
    } catch {
      continue; // another process claimed it first
    }
    segment.sealed = true;
    claimed.push(segment);
  }
  return claimed;
}
