// LangSmith times carry microseconds: `start_time` as ISO-8601 with six
// fraction digits, and the same instant inside `dotted_order` as
// YYYYMMDDTHHMMSSffffffZ. The server rejects a dotted_order whose timestamp is
// not six-digit microseconds, and expects start_time to match it exactly, so
// both are derived from one integer count of microseconds.

/** 9999-12-31T23:59:59.999Z: the last instant ISO 8601 writes with a four-digit year. */
const MAX_ISO_MS = 253_402_300_799_999;

/**
 * Whole microseconds since the epoch for a span time (epoch ms with a sub-ms
 * fraction), clamped to 1970–9999: the server's dotted_order format has room
 * for a four-digit year only, and `toISOString` throws past year 275760.
 */
export function toEpochMicros(epochMs: number): number {
  if (!(epochMs > 0)) return 0;
  return Math.round(Math.min(epochMs, MAX_ISO_MS) * 1000);
}

/** `2024-05-31T09:58:04.831161Z`. */
export function isoMicros(epochMicros: number): string {
  const ms = Math.floor(epochMicros / 1000);
  const micros = epochMicros - ms * 1000;
  const iso = new Date(ms).toISOString(); // …T09:58:04.831Z (always a four-digit year: see toEpochMicros)
  return `${iso.slice(0, -1)}${micros < 10 ? "00" : micros < 100 ? "0" : ""}${micros}Z`;
}

/** `20240531T095804831161Z`: the timestamp half of a dotted_order segment. */
export function dottedTimestamp(epochMicros: number): string {
  return dottedFromIso(isoMicros(epochMicros));
}

/** The dotted_order form of an `isoMicros` string, by position (its layout is fixed). */
export function dottedFromIso(iso: string): string {
  // 2024-05-31T09:58:04.831161Z
  // 0123456789012345678901234567
  return (
    iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 13) + iso.slice(14, 16) + iso.slice(17, 19) + iso.slice(20)
  );
}
