// One spooled span or score as one line: `<crc32 as 8 hex> <s|c><JSON>\n`.
// JSON never contains a raw newline, so lines resynchronise after damage: a
// torn tail (crash mid-write) or a flipped byte fails its own checksum and is
// skipped alone, and the records around it still read. What comes back is
// checked against the model's zod schemas before anything is re-sent.
import { scoreSchema, spanSchema } from "../model/span-schema.js";
import { toSpanRecord } from "../model/span-record.js";
import type { ReadonlySpan } from "../model/span.js";
import type { Score } from "../model/score.js";
import { toSafeValue } from "../serialize/safe-value.js";
import { crc32 } from "./crc32.js";

export type SpoolRecord = { kind: "span"; span: ReadonlySpan } | { kind: "score"; score: Score };

const SPAN_TAG = "s";
const SCORE_TAG = "c";
const NEWLINE = 0x0a;
const SPACE = 0x20;
const HEX8 = /^[0-9a-f]{8}$/;

/** The record's line, newline included; undefined when it cannot be serialised at all. */
export function encodeRecord(record: SpoolRecord): string | undefined {
  const data = record.kind === "span" ? toSpanRecord(record.span) : record.score;
  const json = toJson(data);
  if (json === undefined) return undefined;
  const payload = (record.kind === "span" ? SPAN_TAG : SCORE_TAG) + json;
  return `${crc32(payload).toString(16).padStart(8, "0")} ${payload}\n`;
}

function toJson(data: unknown): string | undefined {
  try {
    return JSON.stringify(data);
  } catch {
    // Spans handed to a DeliveryQueue directly may hold values JSON rejects (bigint…).
    try {
      return JSON.stringify(toSafeValue(data));
    } catch {
      return undefined;
    }
  }
}

/** Reads one line (without its newline); undefined when its checksum, JSON or schema is wrong. */
export function decodeLine(line: Uint8Array): SpoolRecord | undefined {
  if (line.length < 10 || line[8] !== SPACE) return undefined;
  const buffer = Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  const expected = buffer.toString("latin1", 0, 8);
  if (!HEX8.test(expected)) return undefined;
  const payload = buffer.subarray(9);
  if (crc32(payload) !== Number.parseInt(expected, 16)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(payload.toString("utf8", 1));
  } catch {
    return undefined;
  }
  const tag = String.fromCharCode(payload[0] as number);
  if (tag === SPAN_TAG) {
    const parsed = spanSchema.safeParse(data);
    return parsed.success ? { kind: "span", span: parsed.data } : undefined;
  }
  if (tag === SCORE_TAG) {
    const parsed = scoreSchema.safeParse(data);
    return parsed.success ? { kind: "score", score: parsed.data } : undefined;
  }
  return undefined;
}

/** A line found in a chunk: the record (undefined when damaged) and the bytes it took. */
export interface ReadLine {
  record: SpoolRecord | undefined;
  bytes: number;
}

/**
 * Splits `chunk` into complete lines (up to `maxLines`). Bytes after the last
 * newline are not consumed: they are either the start of a record the next
 * read completes, or a torn tail the caller drops once the file is known to end there.
 */
export function splitLines(chunk: Uint8Array, maxLines: number): ReadLine[] {
  const lines: ReadLine[] = [];
  let start = 0;
  while (lines.length < maxLines) {
    const end = chunk.indexOf(NEWLINE, start);
    if (end < 0) break;
    lines.push({ record: decodeLine(chunk.subarray(start, end)), bytes: end + 1 - start });
    start = end + 1;
  }
  return lines;
}
