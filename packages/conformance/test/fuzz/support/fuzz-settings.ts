// One seed for the whole fuzz suite, so a failure is reproducible: fast-check
// prints the seed and the shrunk counterexample path; re-run with
// FUZZ_SEED=<seed> (and FUZZ_RUNS_FACTOR to fuzz longer, e.g. 10 locally).

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_815);

const FACTOR = Number(process.env.FUZZ_RUNS_FACTOR ?? 1);

/** `base` runs, scaled by FUZZ_RUNS_FACTOR. */
export function runsFor(base: number): number {
  return Math.max(1, Math.round(base * (Number.isFinite(FACTOR) && FACTOR > 0 ? FACTOR : 1)));
}
