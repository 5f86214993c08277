// JSON-lines output: one line per span ("type":"span") and per score
// ("type":"score"), for log shippers and jq. Serialised with core's
// safeStringify so cycles, BigInts and odd payloads never throw.
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
  for (const span of batch.spans) out += safeStringify({ type: "span", ...spanRecord(span) }, LINE_LIMITS) + "\n";
  for (const score of batch.scores) out += safeStringify({ type: "score", ...score }, LINE_LIMITS) + "\n";
  return out;
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

