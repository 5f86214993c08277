// Crash safety of the spool, on real processes (the built package: run
// `npx tsup` first). kill -9 loses at most the spans of the last spool
// interval (plus the batching interval); an exit without shutdown loses none;
// the spool's timers never keep a process alive.
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { measureKill9Loss, readRecovery, runChild } from "./spool-crash-harness.js";
import { filesUnder, range, tempSpoolDir } from "./spool-helpers.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function spoolDir(): string {
  const temp = tempSpoolDir();
  cleanups.push(temp.cleanup);
  return temp.dir;
}

describe("spool crash safety", () => {
  it("after kill -9, a new process re-sends every span older than the spool interval", async () => {
    const intervalMs = 200;
    const flushIntervalMs = 20;
    const dir = spoolDir();
    const outcome = await measureKill9Loss({ spoolDir: dir, intervalMs, flushIntervalMs, everyMs: 2, runMs: 1_200 });
    // The measurement the issue asks for: printed with every run.
    console.log(
      `kill -9 after ${outcome.produced} spans (spool interval ${intervalMs} ms, batching ${flushIntervalMs} ms): ` +
        `recovered ${outcome.recovered}, lost ${outcome.lost} (oldest lost ${outcome.oldestLostAgeMs.toFixed(0)} ms old), duplicates ${outcome.duplicates}`,
    );
    expect(outcome.produced).toBeGreaterThan(100);
    expect(outcome.duplicates).toBe(0);
    // Allowance past interval + batching: timer lateness and the append itself on a loaded machine.
    expect(outcome.oldestLostAgeMs).toBeLessThan(intervalMs + flushIntervalMs + 150);
    expect(outcome.recovered).toBeGreaterThan(outcome.produced / 2);
    expect(outcome.recoverStats).toMatchObject({ spoolBytes: 0, spoolSkipped: expect.any(Number) });
    expect(filesUnder(dir)).toEqual([]);
  });

  it("an exit without shutdown (process.exit) spools everything and keeps the exit code", async () => {
    const dir = spoolDir();
    const run = await runChild(["exit", dir, "7"]);
    expect(run.code).toBe(7);
    const recovery = await runChild(["recover", dir]);
    expect(readRecovery(recovery.stdout).received.sort((a, b) => a - b)).toEqual(range(20));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("never keeps a process alive: a hub with a dead backend and a spool lets it exit", async () => {
    const dir = spoolDir();
    const run = await runChild(["linger", dir], undefined, 5_000);
    expect(run.stdout).toContain("idle");
    expect(run.code).toBe(0);
  });
});
