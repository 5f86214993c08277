// Reads a `Retry-After` header (RFC 9110 §10.2.3): delta-seconds or an
// HTTP-date. Servers send both; some send decimals. The result feeds the
// DeliveryQueue's retry wait, so it is clamped: a bogus "wait a year" must not
// park spans in memory (or overflow setTimeout).

/** Longest wait a `Retry-After` header can impose: 10 minutes. */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
// IMF-fixdate, RFC 850 and asctime all start with a day name and hold an
// hh:mm:ss time. Checking both keeps V8's lenient Date.parse from reading
// garbage such as "Mon, 5" as a date.
const HTTP_DATE_SHAPE = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s.*\b\d{1,2}:\d{2}:\d{2}\b/i;
// asctime carries no zone, yet every HTTP-date is GMT; Date.parse would read it as local time.
const HAS_ZONE = /\b(?:gmt|utc)\b|[+-]\d{4}$/i;

/**
 * Delay in milliseconds asked for by a `Retry-After` value, or `undefined` when
 * the value is missing or unreadable. Dates in the past give 0; every result is
 * at most {@link MAX_RETRY_AFTER_MS}.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "") return undefined;

  if (DELTA_SECONDS.test(text)) {
    return clampDelay(Number(text) * 1000);
  }
  if (HTTP_DATE_SHAPE.test(text)) {
    const at = Date.parse(HAS_ZONE.test(text) ? text : `${text} GMT`);
    if (Number.isNaN(at)) return undefined;
    return clampDelay(at - nowMs);
  }
  return undefined;
}

function clampDelay(ms: number): number | undefined {
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(Math.ceil(ms), 0), MAX_RETRY_AFTER_MS);
}
