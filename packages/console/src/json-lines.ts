// JSON-lines output: one line per span ("type":"span") and per score
// ("type":"score"), for log shippers and jq. Spans reaching adapters are
// finalised (payloads, prompt and context metadata already JSON-safe, as is a
// score's metadata from the start), so plain JSON.stringify is tried
// first (~4x faster than core's walker); core's safeStringify takes over
// whenever the fast text could differ from it, so cycles, BigInts and odd
// payloads still never throw.
import { safeStringify } from "@tracehub/core";
import type { ExportBatch, ReadonlySpan, SpanRecord } from "@tracehub/core";

/**
 * Only a byte budget: core already capped payloads, and cutting an attribute
 * array or the events list by count would append a text marker to it, which
 * makes a typed array mixed and the line no longer a valid Span record.
 */
const LINE_LIMITS = {
  maxFieldBytes: 8 * 1024 * 1024,
  maxStringLength: Number.POSITIVE_INFINITY,
  maxArrayLength: Number.POSITIVE_INFINITY,
  maxObjectKeys: Number.POSITIVE_INFINITY,
};

export function renderJsonLines(batch: ExportBatch): string {
  let out = "";
  for (const span of batch.spans) out += jsonLine({ type: "span", ...spanRecord(span) }) + "\n";
  for (const score of batch.scores) out += jsonLine({ type: "score", ...score }) + "\n";
  return out;
}

/** A `\u` escape of U+D800–U+DFFF: how JSON.stringify writes a lone surrogate (safeStringify writes U+FFFD). */
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f]/i;

/**
 * The line safeStringify would write, via JSON.stringify when that is provably
 * the same text. JSON.stringify throws on cycles and BigInts; it writes `null`
 * for NaN, ±Infinity, invalid Dates and functions in arrays (safeStringify
 * writes text), escapes lone surrogates, and knows no byte budget. Any `null`
 * at all (even a real one) is sent to the walker: rare in finalised spans,
 * and cheaper than telling the cases apart.
 */
function jsonLine(record: object): string {
  let text: string;
  try {
    text = JSON.stringify(record);
  } catch {
    return safeStringify(record, LINE_LIMITS);
  }
  const fast =
    !text.includes("null") &&
    !LONE_SURROGATE_ESCAPE.test(text) &&
    // UTF-8 is at most 3 bytes per UTF-16 unit: measure only when that bound is over budget.
    (text.length * 3 <= LINE_LIMITS.maxFieldBytes || Buffer.byteLength(text) <= LINE_LIMITS.maxFieldBytes);
  return fast ? text : safeStringify(record, LINE_LIMITS);
}

/**
 * The Span model's fields only. Ended spans can be the live objects the tracer
 * used, which also hold internals (such as the hub they report to) that must
 * never be serialised.
 */
export function spanRecord(span: ReadonlySpan): SpanRecord {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    parentIsRemote: span.parentIsRemote,
    links: span.links,
    name: span.name,
    kind: span.kind,
    startTime: span.startTime,
    endTime: span.endTime,
    completionStartTime: span.completionStartTime,
    status: span.status,
    statusMessage: span.statusMessage,
    error: span.error,
    attributes: span.attributes,
    events: span.events,
    model: span.model,
    provider: span.provider,
    modelParameters: span.modelParameters,
    usage: span.usage,
    cost: span.cost,
    prompt: span.prompt,
    retryCount: span.retryCount,
    timeoutMs: span.timeoutMs,
    rateLimit: span.rateLimit,
    context: span.context,
    // Payloads last: safeStringify's byte budget then truncates them, not the identity fields.
    input: span.input,
    output: span.output,
  };
}

