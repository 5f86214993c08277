// The /runs/multipart request body. Each run is one part named `post.<id>`
// holding the run without its large fields, plus one part per large field
// (`post.<id>.inputs`, `.outputs`, `.events`, `.extra`, `.error`), each typed
// `application/json; length=<bytes>` — the layout LangSmith's SDK sends and
// its server parses.
import { safeStringify } from "@tracehub/core";
import type { LangSmithRun } from "./map-run.js";

export interface MultipartPart {
  name: string;
  /** JSON text; encoded once per request, with the rest of the body. */
  body: string;
  /** UTF-8 length of `body` (the part's `length=`). */
  bytes: number;
}

/** A run ready to send: its parts and their total size. */
export interface EncodedRun {
  /** Span id of the run's span (what a rejected item names). */
  itemId: string;
  run: LangSmithRun;
  parts: MultipartPart[];
  bytes: number;
}

const SPLIT_FIELDS = ["inputs", "outputs", "events", "extra", "error"] as const;
const SPLIT_FIELD_SET: ReadonlySet<string> = new Set(SPLIT_FIELDS);
/** Boundary line and part headers around each part body: about 200 bytes, rounded up so a cut request stays under the limit. */
const PART_OVERHEAD_BYTES = 256;
/** Cap of a part rebuilt by the fallback serialiser; the run's size checks apply afterwards as usual. */
const MAX_SAFE_PART_BYTES = 16 * 1024 * 1024;

export function encodeRun(itemId: string, run: LangSmithRun): EncodedRun {
  // The run without its large fields, keys in the run's order (no spread + delete: that turns the copy into a slow dictionary).
  const main: Record<string, unknown> = {};
  for (const key of Object.keys(run)) {
    if (!SPLIT_FIELD_SET.has(key)) main[key] = run[key as keyof LangSmithRun];
  }
  const first = part(`post.${run.id}`, main);
  const parts: MultipartPart[] = [first];
  let bytes = first.bytes + PART_OVERHEAD_BYTES;
  for (const field of SPLIT_FIELDS) {
    const value = run[field];
    if (value === undefined) continue;
    const added = part(`post.${run.id}.${field}`, value);
    parts.push(added);
    bytes += added.bytes + PART_OVERHEAD_BYTES;
  }
  return { itemId, run, parts, bytes };
}

function part(name: string, value: unknown): MultipartPart {
  const body = jsonOf(value);
  return { name, body, bytes: Buffer.byteLength(body, "utf8") };
}

/** JSON of a part; a value that slipped through the mapping unserialisable (a BigInt attribute, a cycle) is made safe instead of failing the run. */
function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return safeStringify(value, { maxFieldBytes: MAX_SAFE_PART_BYTES });
  }
}

/**
 * multipart/form-data bytes of the parts, with CRLF line breaks as RFC 7578
 * requires: built as one string and encoded once (JSON.stringify never emits
 * lone surrogates, so each part's UTF-8 length is exact).
 */
export function multipartBody(parts: readonly MultipartPart[], boundary: string): Uint8Array {
  let text = "";
  for (const part of parts) {
    text +=
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${part.name}"\r\n` +
      `Content-Type: application/json; length=${part.bytes}\r\n\r\n` +
      part.body +
      "\r\n";
  }
  text += `--${boundary}--\r\n`;
  return Buffer.from(text, "utf8");
}

/** A random boundary: 128 random bits make a clash with part contents practically impossible. */
export function newBoundary(): string {
  return `----TracehubLangSmith${crypto.randomUUID().replace(/-/g, "")}`;
}
