// When a rate-limit window resets, from the forms providers send: Go-style
// durations (`6m0s`, `1s`, `6ms`, `1h2m3.5s`, OpenAI), plain seconds, epoch
// seconds or milliseconds (OpenRouter), or an RFC 3339 time (Anthropic).

const DURATION = /^(?:\d+(?:\.\d+)?(?:h|ms|us|µs|ns|m|s))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/g;
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** Milliseconds of a Go-style duration such as `6m0s`, or undefined when it is not one. */
export function parseDurationMs(value: string): number | undefined {
  const text = value.trim();
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(DURATION_PART)) total += Number(match[1]) * (UNIT_MS[match[2] as string] ?? 0);
  return total;
}

/** Epoch milliseconds at which a window resets, given the header value and when the response arrived. */
export function parseResetAt(value: string | null | undefined, receivedAt: number): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const duration = parseDurationMs(value);
  if (duration !== undefined) return receivedAt + duration;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    if (number > 1e12) return number; // epoch milliseconds
    if (number > 1e9) return number * 1000; // epoch seconds
    return receivedAt + number * 1000; // seconds from now
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : date;
}

/** A header's value as a non-negative number, or undefined. */
export function parseCount(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}
