// The /runs/multipart request body. Each run is one part named `post.<id>`
// holding the run without its large fields, plus one part per large field
// (`post.<id>.inputs`, `.outputs`, `.events`, `.extra`, `.error`), each typed
// `application/json; length=<bytes>` — the layout LangSmith's SDK sends and
// its server parses.
import { safeStringify } from "@tracehub/core";
import type { LangSmithRun } from "./map-run.js";

export interface MultipartPart {
  name: string;
  body: Uint8Array;
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
const encoder = new TextEncoder();
/** Boundary line and part headers around each part body: about 200 bytes, rounded up so a cut request stays under the limit. */
const PART_OVERHEAD_BYTES = 256;
/** Cap of a part rebuilt by the fallback serialiser; the run's size checks apply afterwards as usual. */
const MAX_SAFE_PART_BYTES = 16 * 1024 * 1024;

export function encodeRun(itemId: string, run: LangSmithRun): EncodedRun {
  const main: Record<string, unknown> = { ...run };
  for (const field of SPLIT_FIELDS) delete main[field];
  const parts: MultipartPart[] = [{ name: `post.${run.id}`, body: encoder.encode(jsonOf(main)) }];
  for (const field of SPLIT_FIELDS) {
    const value = run[field];
    if (value !== undefined) parts.push({ name: `post.${run.id}.${field}`, body: encoder.encode(jsonOf(value)) });
  }
  const bytes = parts.reduce((sum, part) => sum + part.body.byteLength + PART_OVERHEAD_BYTES, 0);
  return { itemId, run, parts, bytes };
}

/** JSON of a part; a value that slipped through the mapping unserialisable (a BigInt attribute, a cycle) is made safe instead of failing the run. */
function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return safeStringify(value, { maxFieldBytes: MAX_SAFE_PART_BYTES });
  }
}

/** multipart/form-data bytes of the parts, with CRLF line breaks as RFC 7578 requires. */
export function multipartBody(parts: readonly MultipartPart[], boundary: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(
      encoder.encode(
        `--${boundary}\r\n` +
          `Content-Disposition: form-data; name="${part.name}"\r\n` +
          `Content-Type: application/json; length=${part.body.byteLength}\r\n\r\n`,
      ),
    );
    chunks.push(part.body, encoder.encode("\r\n"));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return concat(chunks);
}

/** A random boundary: 128 random bits make a clash with part contents practically impossible. */
export function newBoundary(): string {
  return `----TracehubLangSmith${crypto.randomUUID().replace(/-/g, "")}`;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
