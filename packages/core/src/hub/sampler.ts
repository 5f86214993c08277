// Head sampling by trace id: the decision is a pure function of the id, so every
// span of a trace (and every process that sees the same traceparent) agrees.

/** True when the trace with this id is kept at the given rate (0..1). */
export function isTraceSampled(traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  // The last 8 hex digits are uniformly random (W3C recommends randomness in the right-most bytes).
  const bucket = parseInt(traceId.slice(-8), 16);
  if (Number.isNaN(bucket)) return true;
  return bucket < rate * 0x1_0000_0000;
}
