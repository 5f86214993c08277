// LangSmith times carry microseconds: `start_time` as ISO-8601 with six
// fraction digits, and the same instant inside `dotted_order` as
// YYYYMMDDTHHMMSSffffffZ. The server rejects a dotted_order whose timestamp is
// not six-digit microseconds, and expects start_time to match it exactly, so
// both are derived from one integer count of microseconds.

/** Whole microseconds since the epoch for a span time (epoch ms with a sub-ms fraction). */
export function toEpochMicros(epochMs: number): number {
  return Math.round(epochMs * 1000);
}

/** `2024-05-31T09:58:04.831161Z`. */
export function isoMicros(epochMicros: number): string {
  const ms = Math.floor(epochMicros / 1000);
  const micros = epochMicros - ms * 1000;
  const iso = new Date(ms).toISOString(); // …T09:58:04.831Z
  return `${iso.slice(0, -1)}${String(micros).padStart(3, "0")}Z`;
}

/** `20240531T095804831161Z`: the timestamp half of a dotted_order segment. */
export function dottedTimestamp(epochMicros: number): string {
  return isoMicros(epochMicros).replace(/[-:.]/g, "");
}
