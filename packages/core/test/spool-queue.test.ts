// The DeliveryQueue with a disk spool, on a real temp directory: overflow past
// the memory bound, periodic copies while a backend is down, leftovers at
// shutdown re-sent by the next queue, damaged files, the disk cap.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DeliveryQueue, type DeliveryQueueOptions } from "../src/delivery/delivery-queue.js";
import { InMemoryAdapter } from "../src/adapters/in-memory-adapter.js";
import { filesUnder, range, seqOf, spanNo, SwitchableAdapter, tempSpoolDir, waitFor } from "./spool-helpers.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function spoolDir(): string {
  const temp = tempSpoolDir();
  cleanups.push(temp.cleanup);
  return temp.dir;
}

function queue(adapter: DeliveryQueueOptions["adapter"], dir: string, options: Partial<DeliveryQueueOptions> = {}): DeliveryQueue {
  return new DeliveryQueue({
    adapter,
    flushIntervalMs: 5,
    maxAttempts: 1_000,
    initialBackoffMs: 5,
    maxBackoffMs: 20,
    random: () => 0.5,
    spool: { dir, intervalMs: 100 },
    ...options,
  });
}

/** Leaves `seqs` in `dir` the way a process does at shutdown with its backend down. */
async function leaveSegment(dir: string, seqs: number[]): Promise<void> {
  const down = queue(new SwitchableAdapter(), dir);
  for (const n of seqs) down.enqueueSpan(spanNo(n));
  const left = await down.shutdown(30);
  expect(left.spans.map(seqOf)).toEqual(seqs);
}

function segmentFiles(dir: string): string[] {
  return filesUnder(dir).filter((f) => f.endsWith(".spool"));
}

describe("overflow to disk at the memory bound", () => {
  it("spools what memory cannot hold and reads it back after recovery: no loss, no duplicate, oldest first", async () => {
    const dir = spoolDir();
    const adapter = new SwitchableAdapter();
    const q = queue(adapter, dir, { maxQueueItems: 10, maxBatchItems: 10, concurrency: 1 });
    for (const n of range(60)) q.enqueueSpan(spanNo(n));
    await waitFor(() => q.stats().spooled >= 50, 2_000, "overflow written");
    expect(q.stats()).toMatchObject({ dropped: 0, spooled: 50 });
    expect(q.stats().spoolBytes).toBeGreaterThan(0);
    expect(q.stats().queued + q.stats().inFlight).toBeLessThanOrEqual(10); // memory stays bounded

    adapter.down = false;
    expect(await q.flush(3_000)).toBe(true);
    expect(adapter.delivered).toEqual(range(60));
    expect(q.stats()).toMatchObject({ exported: 60, dropped: 0, unspooled: 50, spoolBytes: 0 });
    await waitFor(() => segmentFiles(dir).length === 0, 1_000, "segments deleted");
    await q.shutdown(100);
    expect(filesUnder(dir)).toEqual([]);
  });

  it("keeps order while a backlog waits: new items queue behind it even when memory has room", async () => {
    const dir = spoolDir();
    const adapter = new SwitchableAdapter();
    const q = queue(adapter, dir, { maxQueueItems: 4, maxBatchItems: 4, concurrency: 1 });
    for (const n of range(12)) q.enqueueSpan(spanNo(n));
    await waitFor(() => q.stats().spooled === 8, 2_000, "overflow written");
    adapter.down = false;
    await waitFor(() => adapter.delivered.length >= 4, 2_000, "first batch");
    for (const n of range(8, 12)) q.enqueueSpan(spanNo(n));
    expect(await q.flush(3_000)).toBe(true);
    expect(adapter.delivered).toEqual(range(20));
    await q.shutdown(100);
  });

  it("past the disk cap, drops and counts: every item is delivered, spooled or counted", async () => {
    const dir = spoolDir();
    const adapter = new SwitchableAdapter();
    const warns: string[] = [];
    const log = { debug() {}, warn: (message: string) => warns.push(message) };
    const q = queue(adapter, dir, { maxQueueItems: 5, log, spool: { dir, maxBytes: 3_000, intervalMs: 60_000 } });
    for (const n of range(100)) q.enqueueSpan(spanNo(n));
    await waitFor(() => q.stats().spooled + q.stats().dropped === 95, 2_000, "overflow settled");
    const stats = q.stats();
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.spooled).toBeGreaterThan(0);
    expect(stats.spoolBytes).toBeLessThanOrEqual(3_000);
    expect(warns.join("\n")).toMatch(/spool full \(3000 bytes\)/);
    adapter.down = false;
    await q.flush(3_000);
    expect(new Set(adapter.delivered).size).toBe(adapter.delivered.length);
    expect(adapter.delivered.length + q.stats().dropped).toBe(100);
    await q.shutdown(100);
  });
});

describe("periodic spooling while a backend is down", () => {
  it("copies items held past their due time to disk once, and deletes them once delivered", async () => {
    const dir = spoolDir();
    const adapter = new SwitchableAdapter();
    const q = queue(adapter, dir, { spool: { dir, intervalMs: 60 } });
    for (const n of range(5)) q.enqueueSpan(spanNo(n));
    await waitFor(() => q.stats().spooled === 5, 1_000, "checkpoint");
    await new Promise((resolve) => setTimeout(resolve, 200)); // several more ticks
    expect(q.stats().spooled).toBe(5);
    expect(segmentFiles(dir)).toHaveLength(1);
    adapter.down = false;
    expect(await q.flush(2_000)).toBe(true);
    expect(adapter.delivered).toEqual(range(5));
    await waitFor(() => segmentFiles(dir).length === 0 && q.stats().spoolBytes === 0, 1_000, "segment deleted");
    await q.shutdown(100);
    expect(filesUnder(dir)).toEqual([]);
  });

  it("never touches the disk while the backend is healthy", async () => {
    const dir = spoolDir();
    const memory = new InMemoryAdapter({ name: "backend" });
    const q = queue(memory, dir, { spool: { dir, intervalMs: 20 } });
    for (let round = 0; round < 10; round++) {
      for (const n of range(20, round * 20)) q.enqueueSpan(spanNo(n));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await q.flush(1_000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(memory.spans).toHaveLength(200);
    expect(q.stats().spooled).toBe(0);
    await q.shutdown(100);
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
  });
});

describe("shutdown and the next start", () => {
  it("spools the leftovers at shutdown; the next queue re-sends them, then deletes the files", async () => {
    const dir = spoolDir();
    await leaveSegment(dir, range(5));
    expect(segmentFiles(dir)).toHaveLength(1);

    const memory = new InMemoryAdapter({ name: "backend" });
    const next = queue(memory, dir);
    await memory.waitForSpans(5);
    expect(memory.spans.map(seqOf)).toEqual(range(5));
    await waitFor(() => segmentFiles(dir).length === 0, 1_000, "segment deleted");
    expect(next.stats()).toMatchObject({ unspooled: 5, exported: 5, spoolBytes: 0 });
    await next.shutdown(100);
    expect(filesUnder(dir)).toEqual([]);
  });

  it("recovers the records before a torn tail and skips the torn one", async () => {
    const dir = spoolDir();
    await leaveSegment(dir, range(4));
    const [file] = segmentFiles(dir);
    const full = path.join(dir, file as string);
    fs.truncateSync(full, fs.statSync(full).size - 25); // a crash in the middle of the last record

    const memory = new InMemoryAdapter({ name: "backend" });
    const next = queue(memory, dir);
    await memory.waitForSpans(3);
    await waitFor(() => segmentFiles(dir).length === 0, 1_000, "segment deleted");
    expect(memory.spans.map(seqOf)).toEqual([0, 1, 2]);
    expect(next.stats()).toMatchObject({ unspooled: 3, spoolSkipped: 1 });
    await next.shutdown(100);
  });

  it("skips a record whose checksum fails and delivers the ones around it", async () => {
    const dir = spoolDir();
    await leaveSegment(dir, range(3));
    const full = path.join(dir, segmentFiles(dir)[0] as string);
    const bytes = fs.readFileSync(full);
    const secondLine = bytes.indexOf(0x0a) + 1;
    bytes[secondLine + 30] = bytes[secondLine + 30] === 0x30 ? 0x31 : 0x30;
    fs.writeFileSync(full, bytes);

    const memory = new InMemoryAdapter({ name: "backend" });
    const next = queue(memory, dir);
    await memory.waitForSpans(2);
    await waitFor(() => next.stats().spoolSkipped === 1 && segmentFiles(dir).length === 0, 1_000, "skip and delete");
    expect(memory.spans.map(seqOf)).toEqual([0, 2]);
    await next.shutdown(100);
  });

  it("two queues starting on the same directory never both re-send a segment", async () => {
    const dir = spoolDir();
    for (const from of [0, 10, 20, 30]) await leaveSegment(dir, range(10, from));
    expect(segmentFiles(dir)).toHaveLength(4);

    const a = new InMemoryAdapter({ name: "backend" });
    const b = new InMemoryAdapter({ name: "backend" });
    const qa = queue(a, dir);
    const qb = queue(b, dir);
    await waitFor(() => a.spans.length + b.spans.length >= 40 && segmentFiles(dir).length === 0, 2_000, "recovery");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const all = [...a.spans, ...b.spans].map(seqOf).sort((x, y) => x - y);
    expect(all).toEqual(range(40));
    await Promise.all([qa.shutdown(100), qb.shutdown(100)]);
  });

  it("writes the overflow and checkpoints still held at shutdown once, and nothing is lost or doubled", async () => {
    const dir = spoolDir();
    const down = queue(new SwitchableAdapter(), dir, { maxQueueItems: 5, spool: { dir, intervalMs: 40 } });
    for (const n of range(30)) down.enqueueSpan(spanNo(n));
    await waitFor(() => down.stats().spooled >= 30, 2_000, "overflow and checkpoints");
    await down.shutdown(20);

    const memory = new InMemoryAdapter({ name: "backend" });
    const next = queue(memory, dir);
    await memory.waitForSpans(30);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(memory.spans.map(seqOf).sort((x, y) => x - y)).toEqual(range(30));
    await next.shutdown(100);
    expect(filesUnder(dir)).toEqual([]);
  });
});
