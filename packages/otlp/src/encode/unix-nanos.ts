// Span times are epoch milliseconds with a sub-millisecond fraction; OTLP wants
// uint64 nanoseconds. 1.7e18 is past 2^53, so the value is never formed as one
// double: it is written as whole milliseconds plus a six-digit nanosecond part
// (decimal text for JSON, see JsonWriter#unixNanos) or as two exact 32-bit
// halves (fixed64 for protobuf).

const TWO_POW_32 = 4294967296;

/** The last whole millisecond a uint64 count of nanoseconds can hold (2^64 - 1 ns is in the year 2554). */
const MAX_UNIX_MS = 18_446_744_073_709;

/**
 * Whole milliseconds and the remaining nanoseconds (0-999999); negatives and
 * NaN read as 0, times past uint64 nanoseconds as the last representable
 * millisecond (a wrapped value would put the end before the start).
 */
export function splitUnixMs(ms: number): [whole: number, nanos: number] {
  if (!(ms > 0)) return [0, 0];
  if (ms >= MAX_UNIX_MS) return [MAX_UNIX_MS, 0];
  let whole = Math.floor(ms);
  let nanos = Math.round((ms - whole) * 1e6);
  if (nanos >= 1e6) {
    whole += 1;
    nanos -= 1e6;
  }
  return [whole, nanos];
}

/** Low and high 32-bit halves of the nanoseconds since the epoch, exact. */
export function unixNanosHalves(ms: number): [lo: number, hi: number] {
  const [whole, nanos] = splitUnixMs(ms);
  const wholeHi = Math.floor(whole / TWO_POW_32);
  const wholeLo = whole - wholeHi * TWO_POW_32;
  // wholeLo * 1e6 < 2^52, so the sum stays exact in a double.
  const low = wholeLo * 1e6 + nanos;
  const carry = Math.floor(low / TWO_POW_32);
  return [low - carry * TWO_POW_32, wholeHi * 1e6 + carry];
}
