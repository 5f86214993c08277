// One monotonic clock anchored to the epoch at start-up: span times never go
// backwards when the wall clock is adjusted, and keep sub-millisecond precision.

// Node's `performance` global is a lazy getter: read it once, not per clock read.
const perf = performance;
const anchorEpochMs = Date.now();
const anchorPerfMs = perf.now();

/** Epoch milliseconds with a sub-millisecond fraction, monotonic within the process. */
export function nowMs(): number {
  return anchorEpochMs + (perf.now() - anchorPerfMs);
}

/** Latest time a caller may give: year 9999, the most every backend's date format can hold. */
const MAX_EPOCH_MS = 253_402_300_799_999;
/**
 * Earliest time a caller may give: 1 ms after the epoch. Anything earlier is
 * an unset time (0), or so close to it that a backend rounds it to 0 — which
 * OTLP reads as "no timestamp".
 */
const MIN_EPOCH_MS = 1;

/**
 * A caller-supplied time (Date or epoch ms) as epoch ms; anything else — a
 * string, null, NaN, a time before 1970-01-01T00:00:00.001Z or after 9999 —
 * falls back to now. Never throws.
 */
export function toEpochMs(value: unknown): number {
  if (value === undefined) return nowMs();
  let ms: unknown;
  try {
    ms = typeof value === "number" ? value : value instanceof Date ? value.getTime() : undefined;
  } catch {
    ms = undefined; // a Date subclass with a hostile getTime
  }
  return typeof ms === "number" && ms >= MIN_EPOCH_MS && ms <= MAX_EPOCH_MS ? ms : nowMs();
}
