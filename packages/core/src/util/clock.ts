// One monotonic clock anchored to the epoch at start-up: span times never go
// backwards when the wall clock is adjusted, and keep sub-millisecond precision.

const anchorEpochMs = Date.now();
const anchorPerfMs = performance.now();

/** Epoch milliseconds with a sub-millisecond fraction, monotonic within the process. */
export function nowMs(): number {
  return anchorEpochMs + (performance.now() - anchorPerfMs);
}

/** Converts a Date or epoch-ms number given by a caller to epoch ms; falls back to now. */
export function toEpochMs(value: Date | number | undefined): number {
  if (value === undefined) return nowMs();
  const ms = typeof value === "number" ? value : value.getTime();
  return Number.isFinite(ms) ? ms : nowMs();
}
