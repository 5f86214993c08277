// Interleaved measurement of contenders in one process: rounds alternate
// between them so drift (thermal, GC, other load) hits all alike, and the
// median of per-round costs is compared. Only ratios are reported as results.
//
// A contender is { name, round(n), settle?() }. `round` is timed (wall clock);
// `settle` runs untimed after it (e.g. flushing to the backend), so one
// contender's background work never lands in another's timed round. The CPU of
// round + settle together is recorded too (process.cpuUsage), as the cost
// including delivery.

/** Runs each contender `rounds` times, alternating; returns median ns per op (timed part) and CPU ns per op (round + settle). */
export async function compare(contenders, { rounds = 30, opsPerRound = 1_000, warmupRounds = 10 } = {}) {
  const samples = contenders.map(() => []);
  const cpuSamples = contenders.map(() => []);
  for (let r = 0; r < warmupRounds + rounds; r++) {
    // Rotate the order every round so no contender always runs first (or right after the same one).
    const order = contenders.map((_, i) => (i + r) % contenders.length);
    for (const i of order) {
      // A minor GC only: a full one (gc() with no options) shrinks the heap and flushes compiled code, slowing the next round.
      globalThis.gc?.({ type: "minor" });
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      await contenders[i].round(opsPerRound);
      const ns = Number(process.hrtime.bigint() - start) / opsPerRound;
      await contenders[i].settle?.();
      const cpu = process.cpuUsage(cpuStart);
      if (r >= warmupRounds) {
        samples[i].push(ns);
        cpuSamples[i].push(((cpu.user + cpu.system) * 1_000) / opsPerRound);
      }
    }
  }
  return contenders.map((c, i) => ({ name: c.name, nsPerOp: median(samples[i]), cpuNsPerOp: median(cpuSamples[i]) }));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** User + system CPU microseconds since `start` (a process.cpuUsage() value). */
export function cpuMicros(start) {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

/**
 * Calls `produce(n, offset)` so that `total` spans are made at `rate` per
 * second, in bursts about every TICK_MS milliseconds (at most `maxBurst` at once,
 * so a stalled loop does not catch up in one giant burst). Returns how many
 * were made and how long it took: longer than total / rate means the producer
 * could not keep up.
 */
const TICK_MS = 5;

export async function produceAtRate(produce, rate, total, maxBurst = 2_000) {
  const start = performance.now();
  let produced = 0;
  while (produced < total) {
    const due = Math.min(total, Math.floor((rate * (performance.now() - start)) / 1_000));
    const n = Math.min(due - produced, maxBurst);
    if (n > 0) {
      await produce(n, produced);
      produced += n;
    }
    await sleep(TICK_MS);
  }
  return { produced, seconds: (performance.now() - start) / 1_000 };
}

