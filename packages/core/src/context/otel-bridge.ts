// Reads the active OpenTelemetry span without importing @opentelemetry/api:
// the API registers itself on a well-known global symbol and keeps the active
// span under a well-known context key, so a span started while an OTel span is
// active can join that trace at the cost of two property lookups when OTel is absent.
import type { ParentRef } from "./parent-ref.js";

const OTEL_API_KEY = Symbol.for("opentelemetry.js.api.1");
const OTEL_SPAN_KEY = Symbol.for("OpenTelemetry Context Key SPAN");
const INVALID_TRACE_ID = "00000000000000000000000000000000";

interface OtelSpanLike {
  spanContext(): { traceId: string; spanId: string; traceFlags: number };
}
interface OtelGlobal {
  context?: { active(): { getValue(key: symbol): unknown } };
}

/** The active OpenTelemetry span object, or undefined. Never throws. */
export function activeOtelSpan(): OtelSpanLike | undefined {
  const api = (globalThis as Record<symbol, OtelGlobal | undefined>)[OTEL_API_KEY];
  if (api === undefined || api.context === undefined) return undefined;
  try {
    const span = api.context.active().getValue(OTEL_SPAN_KEY) as OtelSpanLike | undefined;
    return span !== undefined && typeof span.spanContext === "function" ? span : undefined;
  } catch {
    return undefined;
  }
}

/** The active OpenTelemetry span as a remote parent reference, or undefined. */
export function otelParentRef(span: OtelSpanLike | undefined): ParentRef | undefined {
  if (span === undefined) return undefined;
  try {
    const ctx = span.spanContext();
    if (typeof ctx.traceId !== "string" || ctx.traceId === INVALID_TRACE_ID) return undefined;
    return { traceId: ctx.traceId, spanId: ctx.spanId, remote: true, sampled: (ctx.traceFlags & 1) === 1 };
  } catch {
    return undefined;
  }
}
