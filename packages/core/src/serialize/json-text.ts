// Byte-exact sizing of JSON text, so the safe-value walker can keep a running
// UTF-8 budget without ever stringifying to measure. Sizes match what
// `JSON.stringify` writes (compact, no whitespace) once encoded as UTF-8.

import type { JsonValue } from "./safe-value.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** Replaces lone surrogates with U+FFFD so the text encodes to valid UTF-8. Length is unchanged. */
export function toWellFormed(text: string): string {
  return ANY_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, "\uFFFD") : text;
}

/**
 * Bytes `JSON.stringify` spends on the UTF-16 unit `code` (pairs are handled
 * by the caller). A lone surrogate counts as the U+FFFD it will be replaced
 * with, so sizes can be taken before sanitising.
 */
function unitBytes(code: number): number {
  if (code < 0x20) {
    // \b \t \n \f \r get two-character escapes, other controls \u00XX.
    return code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
  }
  if (code === 0x22 || code === 0x5c) return 2; // \" and \\
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return 3;
}

export interface TextPrefix {
  /** End index (exclusive) of the longest prefix that fits; never splits a surrogate pair. */
  end: number;
  /** Bytes of that prefix inside a JSON string literal, quotes excluded. */
  bytes: number;
}

/**
 * Longest prefix of `text`, up to index `limit`, whose escaped UTF-8 size is at
 * most `maxBytes`. Stops as soon as either is reached, so the cost is
 * O(min(limit, maxBytes)) however long `text` is.
 */
export function fitPrefix(text: string, maxBytes: number, limit = text.length): TextPrefix {
  let bytes = 0;
  let index = 0;
  while (index < limit) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < limit) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        if (bytes + 4 > maxBytes) break;
        bytes += 4;
        index += 2;
        continue;
      }
    }
    const cost = unitBytes(code);
    if (bytes + cost > maxBytes) break;
    bytes += cost;
    index += 1;
  }
  return { end: index, bytes };
}

/** UTF-8 size of `JSON.stringify(toWellFormed(text))`, quotes included. */
export function jsonStringBytes(text: string): number {
  return fitPrefix(text, Number.POSITIVE_INFINITY).bytes + 2;
}

/** UTF-8 size of the JSON text of a finite number. */
export function jsonNumberBytes(value: number): number {
  return String(value).length;
}

/**
 * UTF-8 size of the JSON text of a value. Recursive, so meant for the small
 * values the walker builds itself (markers), not for user data.
 */
export function measureJson(value: JsonValue): number {
  if (value === null) return 4;
  if (typeof value === "boolean") return value ? 4 : 5;
  if (typeof value === "number") return jsonNumberBytes(value);
  if (typeof value === "string") return jsonStringBytes(value);
  if (Array.isArray(value)) {
    let bytes = 2 + Math.max(0, value.length - 1);
    for (const item of value) bytes += measureJson(item);
    return bytes;
  }
  const keys = Object.keys(value);
  let bytes = 2 + Math.max(0, keys.length - 1);
  for (const key of keys) bytes += jsonStringBytes(key) + 1 + measureJson(value[key] as JsonValue);
  return bytes;
}

export type TruncatedUnit = "chars" | "items" | "keys";

/** The text that marks a cut, stating the original size: `…[truncated, 5000 items total]`. */
export function truncationNote(total: number, unit: TruncatedUnit): string {
  return `…[truncated, ${total} ${unit} total]`;
}

/** JSON size of the note for a count of 0 and an empty unit, minus the "0". */
const NOTE_BASE_BYTES = jsonStringBytes(truncationNote(0, "" as TruncatedUnit)) - 1;

/** `jsonStringBytes(truncationNote(total, unit))` without building the string: every container needs it. */
export function truncationNoteBytes(total: number, unit: TruncatedUnit): number {
  return NOTE_BASE_BYTES + String(total).length + unit.length;
}

export interface FittedString {
  text: string;
  /** UTF-8 size of `JSON.stringify(text)`. */
  bytes: number;
}

/**
 * Makes a string safe and small: lone surrogates become U+FFFD, anything past
 * `maxChars` UTF-16 units or past `budget` bytes of JSON text is cut and a
 * note with the original length appended. Returns undefined when not even the
 * note fits in `budget`. Only what is kept gets scanned, so a 5 MB string
 * costs O(min(maxChars, budget)), not O(5 MB).
 */
export function fitString(text: string, maxChars: number, budget: number): FittedString | undefined {
  const room = budget - 2;
  let end = text.length;
  if (end > maxChars) {
    end = maxChars;
    // Do not leave half a surrogate pair at the cut.
    const last = text.charCodeAt(end - 1);
    if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  }
  const whole = fitPrefix(text, room, end);
  if (end === text.length && whole.end === end) return { text: toWellFormed(text), bytes: whole.bytes + 2 };

  const noteBytes = truncationNoteBytes(text.length, "chars") - 2;
  if (room < noteBytes) return undefined;
  const prefix = whole.end === end && whole.bytes <= room - noteBytes ? whole : fitPrefix(text, room - noteBytes, end);
  const head = toWellFormed(text.slice(0, prefix.end));
  return { text: head + truncationNote(text.length, "chars"), bytes: prefix.bytes + noteBytes + 2 };
}
