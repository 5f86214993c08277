// A plain-data copy of a span with exactly the model's fields: what an adapter
// should serialise, rather than the live object (which also carries behaviour).
import type { ReadonlySpan, SpanRecord } from "./span.js";

const OPTIONAL_FIELDS = [
  "parentSpanId",
  "parentIsRemote",
  "completionStartTime",
  "statusMessage",
  "error",
  "input",
  "output",
  "model",
  "provider",
  "modelParameters",
  "usage",
  "cost",
  "prompt",
  "retryCount",
  "timeoutMs",
  "rateLimit",
] as const satisfies readonly (keyof ReadonlySpan)[];

export function toSpanRecord(span: ReadonlySpan): SpanRecord {
  const record: SpanRecord = {
    traceId: span.traceId,
    spanId: span.spanId,
    links: [...span.links],
    name: span.name,
    kind: span.kind,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes: { ...span.attributes },
    events: [...span.events],
    context: { ...span.context },
  };
  for (const field of OPTIONAL_FIELDS) {
    const value = span[field];
    if (value !== undefined) (record as Record<string, unknown>)[field] = value;
  }
  return record;
}
