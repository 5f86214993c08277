// A backend down while ten times its memory bound is produced: the queue
// never holds more than its bound, retained heap stays far below what holding
// everything costs (measured in the same run), and every span is either
// delivered later — from the disk spool, in this process or the next — or
// counted as dropped. Never silently gone: delivered + dropped == produced.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Hub } from "@tracehub/core";
import { retainedHeapBytes } from "./harness/heap.js";
import { REQUEST_TIMEOUT_MS, startRig, type Rig, type RigOptions } from "./harness/matrix-hub.js";
import { produceTraces, type Produced } from "./harness/produce.js";
import { settle } from "./harness/settle.js";
import { printSummary, summaryRow } from "./harness/summary.js";

const BOUND = 1_000;
/** 4 spans each: 12 000 spans, twelve times the bound. */
const TRACES = 3_000;
const MiB = 1024 * 1024;

let rigs: Rig[] = [];
afterEach(async () => {
  await Promise.all(rigs.map((r) => r.close()));
  rigs = [];
});

async function rigWithOtlpDown(hub: RigOptions["hub"]): Promise<Rig> {
  const rig = await startRig({ faults: { otlp: { kind: "outage", mode: "refuse" } }, hub });
  rigs.push(rig);
  return rig;
}

/** Produces while OTLP is down, sampling the most its queue ever held. */
async function produceWhileDown(rig: Rig, hub: Hub = rig.hub): Promise<{ produced: Produced; maxHeld: number }> {
  let maxHeld = 0;
  const sample = () => {
    const otlp = hub.stats().adapters.find((a) => a.adapter === "otlp");
    if (otlp !== undefined) maxHeld = Math.max(maxHeld, otlp.queued + otlp.inFlight);
  };
  const produced = await produceTraces(hub, { traces: TRACES, chunk: 100, onChunk: sample });
  sample();
  return { produced, maxHeld };
}

const expectedOf = (produced: Produced) => ({ spanIds: new Set(produced.spanIds), scoreIds: new Set<string>() });

/** Lets the healthy adapters deliver everything, so only OTLP's share stays in memory. */
async function settleHealthy(rig: Rig, produced: Produced): Promise<void> {
  const { langfuse, langsmith, console } = rig.receivers;
  await settle(rig.hub, { langfuse, langsmith, console }, expectedOf(produced), 30_000);
}

function otlpStats(hub: Hub) {
  const stats = hub.stats().adapters.find((a) => a.adapter === "otlp");
  expect(stats).toBeDefined();
  return stats!;
}

describe("a backend down while ten times its memory bound is produced", () => {
  it("holds at most the bound, retains far less heap than holding everything, and delivers it all from the spool", async () => {
    // Heap OTLP's outage costs: retained while it is down minus retained once it has caught up.
    const outageHeap = async (rig: Rig) => {
      const { produced, maxHeld } = await produceWhileDown(rig);
      await settleHealthy(rig, produced);
      const down = await retainedHeapBytes();
      const downStats = otlpStats(rig.hub);
      await rig.servers.otlp.setFault({ kind: "healthy" });
      const doneAt = await settle(rig.hub, { otlp: rig.servers.otlp }, expectedOf(produced), 30_000);
      await rig.hub.flush(10_000); // the server may have answered before the hub has read every answer
      const held = down - (await retainedHeapBytes());
      return { produced, maxHeld, held, downStats, doneAt: doneAt.otlp };
    };
    // The peer, in the same run: a bound above what is produced and no spool, so OTLP's queue holds every span.
    const unbounded = await rigWithOtlpDown({ maxQueueItems: 100_000, spool: false });
    const reference = await outageHeap(unbounded);
    expect(reference.maxHeld).toBe(TRACES * 4); // it really held everything
    await unbounded.close();
    rigs = rigs.filter((r) => r !== unbounded);

    const rig = await rigWithOtlpDown({ maxQueueItems: BOUND });
    const { produced, maxHeld, held, downStats, doneAt } = await outageHeap(rig);
    const expected = expectedOf(produced);
    const after = otlpStats(rig.hub);
    printSummary(
      `OTLP down, ${produced.spanIds.length} spans produced, bound ${BOUND}, spool on`,
      [summaryRow("otlp", "outage (refuse) → recovery", expected.spanIds, rig.servers.otlp, after, doneAt)],
      [
        `most held in memory while down: ${maxHeld} (bound ${BOUND}); spooled while down: ${downStats.spooled}`,
        `heap retained for the outage: ${(held / MiB).toFixed(1)} MiB vs ${(reference.held / MiB).toFixed(1)} MiB ` +
          `holding every span (ratio ${(held / reference.held).toFixed(2)})`,
      ],
    );

    expect(maxHeld).toBeLessThanOrEqual(BOUND);
    expect(downStats.spooled).toBeGreaterThanOrEqual(produced.spanIds.length - BOUND);
    // Generous: the bound is a twelfth of what is produced; the outage may cost at most half of holding it all.
    expect(held).toBeLessThan(reference.held * 0.5);
    const comparison = rig.servers.otlp.spans.compare(expected.spanIds);
    expect({ missing: comparison.missing, duplicated: comparison.duplicated }).toEqual({ missing: 0, duplicated: 0 });
    expect(after).toMatchObject({ exported: produced.spanIds.length, dropped: 0, failed: 0, queued: 0, inFlight: 0 });
  });

  it("without a spool, counts what it cannot hold as dropped: delivered + dropped == produced", async () => {
    const rig = await rigWithOtlpDown({ maxQueueItems: BOUND, spool: false });
    const { produced, maxHeld } = await produceWhileDown(rig);
    await rig.servers.otlp.setFault({ kind: "healthy" });
    const expected = expectedOf(produced);
    // Not everything can arrive: wait until OTLP's queue is empty instead.
    const deadline = Date.now() + 30_000;
    let idle = false;
    while (!idle && Date.now() < deadline) idle = await rig.hub.flush(500);
    const stats = otlpStats(rig.hub);
    const delivered = rig.servers.otlp.spans.countAccepted(expected.spanIds);
    printSummary(`OTLP down, ${produced.spanIds.length} spans produced, bound ${BOUND}, no spool`, [
      summaryRow("otlp", "outage (refuse) → recovery", expected.spanIds, rig.servers.otlp, stats, undefined),
    ]);

    expect(maxHeld).toBeLessThanOrEqual(BOUND);
    expect(stats.dropped).toBeGreaterThanOrEqual(produced.spanIds.length - BOUND);
    expect(delivered + stats.dropped).toBe(produced.spanIds.length);
    expect(stats.exported).toBe(delivered);
    expect(rig.servers.otlp.spans.duplicates).toBe(0);
  });

  it("shut down while the backend is still down, re-sends the spool at the next start", async () => {
    const rig = await rigWithOtlpDown({ maxQueueItems: BOUND });
    const { produced } = await produceWhileDown(rig);
    await settleHealthy(rig, produced);
    await rig.hub.shutdown(500); // the backend is still down: what OTLP holds goes to disk
    const first = otlpStats(rig.hub);
    const files = await readdir(path.join(rig.spoolDir, "otlp"));
    expect(files.some((f) => f.endsWith(".spool"))).toBe(true);
    // In one process, a request the first hub started just before its deadline outlives its shutdown
    // (an exiting process would take it along): let it fail against the still-down backend first.
    await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS + 500));

    await rig.servers.otlp.setFault({ kind: "healthy" });
    const next = await rig.restartHub(); // a new process on the same spool directory
    const expected = expectedOf(produced);
    const doneAt = await settle(next, { otlp: rig.servers.otlp }, expected, 30_000);
    await next.flush(10_000);
    const second = otlpStats(next);
    printSummary(
      `OTLP down at shutdown, ${produced.spanIds.length} spans, re-sent by the next hub`,
      [summaryRow("otlp", "down at shutdown → next start", expected.spanIds, rig.servers.otlp, second, doneAt.otlp)],
      [`first hub: spooled ${first.spooled}, exported ${first.exported}, dropped ${first.dropped}; next hub read back ${second.unspooled}`],
    );

    const comparison = rig.servers.otlp.spans.compare(expected.spanIds);
    expect({ missing: comparison.missing, duplicated: comparison.duplicated }).toEqual({ missing: 0, duplicated: 0 });
    expect(first.exported + first.dropped).toBe(0);
    expect(second).toMatchObject({ exported: produced.spanIds.length, dropped: 0, failed: 0, unspooled: produced.spanIds.length });
    // Nothing is left on disk once it is delivered.
    expect(otlpStats(next).spoolBytes).toBe(0);
  });
});
