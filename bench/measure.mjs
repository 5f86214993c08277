// Interleaved measurement of two contenders in one process: rounds alternate
// between them so drift (thermal, GC, other load) hits both alike, and the
// median of per-round costs is compared. Only ratios are reported as results.

/** Runs `round()` for each contender `rounds` times, alternating; returns median ns per op for each. */
export async function compare(contenders, { rounds = 30, opsPerRound = 1_000, warmupRounds = 10 } = {}) {
  const samples = contenders.map(() => []);
  for (let r = 0; r < warmupRounds + rounds; r++) {
    // Alternate the order every round so neither always runs first.
    const order = r % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
    for (const i of order) {
      globalThis.gc?.();
      const start = process.hrtime.bigint();
      await contenders[i].round(opsPerRound);
      const ns = Number(process.hrtime.bigint() - start) / opsPerRound;
      if (r >= warmupRounds) samples[i].push(ns);
    }
  }
  return contenders.map((c, i) => ({ name: c.name, nsPerOp: median(samples[i]) }));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));
