// W3C Trace Context (https://www.w3.org/TR/trace-context/): `traceparent` is
// `version-traceid-parentid-flags`, e.g. 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.
import type { ParentRef } from "./parent-ref.js";
import { isValidSpanId, isValidTraceId } from "../util/ids.js";

const TRACEPARENT_RE = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

type HeaderBag =
  | Record<string, string | string[] | undefined>
  | { get(name: string): string | null };

function readHeader(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const bag = headers as Record<string, string | string[] | undefined>;
  const value = bag[name] ?? bag[Object.keys(bag).find((k) => k.toLowerCase() === name) ?? ""];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses a `traceparent` value; undefined when it is not valid W3C trace context. */
export function parseTraceparent(value: string | undefined | null): ParentRef | undefined {
  if (typeof value !== "string") return undefined;
  const match = TRACEPARENT_RE.exec(value.trim().toLowerCase());
  if (match === null) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  // Version ff is forbidden; version 00 must have nothing after the flags.
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return undefined;
  return { traceId, spanId, remote: true, sampled: (parseInt(flags, 16) & 1) === 1 };
}

/** Reads `traceparent` from Node/fetch headers; undefined when absent or invalid. */
export function extractTraceparent(headers: HeaderBag): ParentRef | undefined {
  try {
    return parseTraceparent(readHeader(headers, "traceparent"));
  } catch {
    return undefined;
  }
}

/** Formats a span's ids as a `traceparent` value. */
export function formatTraceparent(ref: { traceId: string; spanId: string; sampled?: boolean }): string {
  return `00-${ref.traceId}-${ref.spanId}-${ref.sampled === false ? "00" : "01"}`;
}
