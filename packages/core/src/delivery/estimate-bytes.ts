// A cheap guess of how many bytes a span or score takes once serialised, used
// for batch and memory bounds. It must never cost as much as serialising: it
// walks values to a fixed depth and samples the first entries of big arrays
// and objects, extrapolating the rest. Cycles end at the depth limit.
import type { ReadonlySpan } from "../model/span.js";
import type { Score } from "../model/score.js";

const MAX_DEPTH = 3;
const SAMPLE = 8;
/** Ids, times, kind, status and JSON punctuation every record carries. */
const SPAN_OVERHEAD = 256;
const SCORE_OVERHEAD = 160;
/** What an unvisited value below the depth limit is assumed to take. */
const OPAQUE_VALUE = 16;

/** Estimated serialised size of a value, in bytes. */
export function estimateValueBytes(value: unknown, depth = 0): number {
  switch (typeof value) {
    case "string":
      return value.length + 2;
    case "number":
    case "bigint":
      return 8;
    case "boolean":
      return 5;
    case "undefined":
      return 0;
    case "object":
      return value === null ? 4 : estimateObjectBytes(value, depth);
    default:
      return 0; // functions and symbols are not serialised
  }
}

function estimateObjectBytes(value: object, depth: number): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (Array.isArray(value)) {
    const length = value.length;
    if (length === 0) return 2;
    if (depth >= MAX_DEPTH) return 2 + length * OPAQUE_VALUE;
    const sampled = Math.min(length, SAMPLE);
    let sum = 0;
    for (let i = 0; i < sampled; i++) sum += estimateValueBytes(value[i], depth + 1) + 1;
    return 2 + Math.ceil((sum * length) / sampled);
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return 2;
  if (depth >= MAX_DEPTH) return 2 + keys.length * (OPAQUE_VALUE * 2);
  const sampled = Math.min(keys.length, SAMPLE);
  let sum = 0;
  for (let i = 0; i < sampled; i++) {
    const key = keys[i] as string;
    sum += key.length + 4 + estimateValueBytes((value as Record<string, unknown>)[key], depth + 1);
  }
  return 2 + Math.ceil((sum * keys.length) / sampled);
}

/** Estimated bytes one attribute adds to its object: key, quotes, colon, comma and value. */
export function estimateAttributeBytes(key: string, value: unknown): number {
  return key.length + 4 + (typeof value === "number" ? 8 : typeof value === "string" ? value.length + 2 : estimateValueBytes(value, 2));
}

/** What an attribute object with no entries takes: "{}". */
export const EMPTY_ATTRIBUTES_BYTES = 2;

/**
 * A span that sums its attributes' estimated bytes as they are set (the hub's
 * LiveSpan): sizing then needs no walk over an object last touched when the
 * span was recorded, which costs more than everything else sizing does.
 */
export interface TracksAttributeBytes {
  /** Estimated bytes of `attributes`, or -1 when not tracked (then they are walked). */
  readonly attributeBytes: number;
}

function spanAttributesBytes(span: ReadonlySpan): number {
  const tracked = (span as Partial<TracksAttributeBytes>).attributeBytes;
  return tracked !== undefined && tracked >= 0 ? tracked : estimateValueBytes(span.attributes, 1);
}

/** estimateValueBytes(value, 1) with the usual cases of a span's fields (unset, empty list) answered first. */
function estimateField(value: unknown): number {
  if (value === undefined) return 0;
  if (Array.isArray(value) && value.length === 0) return 2;
  return estimateValueBytes(value, 1);
}

// Spans of one scope share their (finalised, no longer changed) context object:
// its estimate is kept for the last one seen instead of walked per span.
let lastContext: object | undefined;
let lastContextBytes = 0;

function estimateContextBytes(context: object): number {
  if (context !== lastContext) {
    lastContextBytes = estimateValueBytes(context, 1);
    lastContext = context;
  }
  return lastContextBytes;
}

/** Estimated serialised size of an ended span. */
export function estimateSpanBytes(span: ReadonlySpan): number {
  return (
    SPAN_OVERHEAD +
    span.name.length +
    estimateField(span.input) +
    estimateField(span.output) +
    spanAttributesBytes(span) +
    estimateField(span.events) +
    estimateField(span.links) +
    estimateContextBytes(span.context) +
    estimateField(span.modelParameters) +
    estimateField(span.prompt) +
    estimateField(span.error) +
    (span.usage === undefined ? 0 : 96) +
    (span.cost === undefined ? 0 : 96)
  );
}

/** Estimated serialised size of a score. */
export function estimateScoreBytes(score: Score): number {
  return (
    SCORE_OVERHEAD +
    score.name.length +
    estimateValueBytes(score.value) +
    (score.comment?.length ?? 0) +
    estimateValueBytes(score.metadata, 1)
  );
}
