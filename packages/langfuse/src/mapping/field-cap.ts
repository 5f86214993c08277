// Langfuse's own cap on big payload fields (input, output, metadata), applied
// to the JSON text actually sent: core caps values at TRACEHUB_MAX_FIELD_BYTES,
// but a backend-specific cap (default 1 MiB) keeps one huge prompt from making
// a request the server or a proxy refuses. Over the cap, the text is cut on a
// character boundary and ends with a marker that says so.

import { safeStringify } from "@tracehub/core";

const encoder = new TextEncoder();

/** UTF-8 length, without encoding when the answer is obvious. */
export function utf8Length(text: string): number {
  // Each UTF-16 unit is at most 3 UTF-8 bytes, and at least 1.
  if (text.length * 3 <= 64) return encoder.encode(text).length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function truncationMarker(originalBytes: number, maxBytes: number): string {
  return `…[truncated by tracehub: ${originalBytes} bytes, limit ${maxBytes}]`;
}

/** `text` unchanged when it fits in `maxBytes` of UTF-8, else cut with a marker so the result fits. */
export function capText(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) return text;
  const bytes = utf8Length(text);
  if (bytes <= maxBytes) return text;
  const marker = truncationMarker(bytes, maxBytes);
  const budget = Math.max(0, maxBytes - utf8Length(marker));
  // encodeInto never splits a character: `read` is how much of the text fit.
  const { read } = encoder.encodeInto(text, new Uint8Array(budget));
  return text.slice(0, read) + marker;
}

/** A payload as Langfuse reads it: strings as they are, other values as JSON; capped. */
export function payloadText(value: unknown, maxBytes: number): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value : safeJson(value);
  return text === undefined ? undefined : capText(text, maxBytes);
}

/**
 * A JSON object attribute (metadata, model parameters) that must stay a JSON
 * object to be read at all: over the cap it becomes an object that says it was
 * truncated and carries the start of the original text.
 */
export function objectText(value: Readonly<Record<string, unknown>> | undefined, maxBytes: number): string | undefined {
  let text: string | undefined;
  try {
    // Model parameters are the caller's object as given: it may be a Proxy that throws.
    if (value === undefined || Object.keys(value).length === 0) return undefined;
    text = safeJson(value);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  if (text.length * 3 <= maxBytes || utf8Length(text) <= maxBytes) return text;
  const bytes = utf8Length(text);
  // JSON escaping can grow the preview (quotes, backslashes): leave it room.
  const preview = capText(text, Math.floor((maxBytes - 200) / 2));
  return JSON.stringify({ truncated: truncationMarker(bytes, maxBytes), preview });
}

/**
 * JSON text of a value. Inputs and outputs were made JSON-safe by core; model
 * parameters and prompt variables are the caller's objects as given, so a
 * BigInt, a cycle or a throwing getter falls back to core's safe serialiser.
 */
export function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return safeStringify(value);
  }
}
