// What Langfuse needs from one span, derived once and shared by both wire
// formats (OTLP attributes and legacy ingestion events): level and status
// message, observation metadata, the trace-level fields and the prompt link.
import { toSafeValue, type PromptRef, type ReadonlySpan } from "@tracehub/core";
import { sanitizeEnvironment } from "./environment.js";
import type { LangfuseObservationType } from "./observation-type.js";

export type LangfuseLevel = "DEBUG" | "DEFAULT" | "WARNING" | "ERROR";

/** The adapter-wide settings the mapping reads. */
export interface MappingSettings {
  /** Sanitised; wins over the span's own environment. */
  environment: string | undefined;
  /** Wins over the span's own release. */
  release: string | undefined;
  publicTraces: boolean | undefined;
  maxFieldBytes: number;
}

/** A span with no parent is the trace's root: its input/output become the trace's. */
export function isTraceRoot(span: ReadonlySpan): boolean {
  return span.parentSpanId === undefined;
}

/** The first span of this process in the trace: a root, or a span whose parent lives in another process. */
export function isAppRoot(span: ReadonlySpan): boolean {
  return span.parentSpanId === undefined || span.parentIsRemote === true;
}

/** ERROR for failed spans; WARNING for calls that only succeeded after retries; otherwise nothing (DEFAULT). */
export function levelOf(span: ReadonlySpan): { level?: LangfuseLevel; statusMessage?: string } {
  if (span.status === "error") {
    const error = span.error;
    const message =
      span.statusMessage ?? (error === undefined ? "error" : error.type === "" ? error.message : `${error.type}: ${error.message}`);
    return { level: "ERROR", statusMessage: message };
  }
  const retries = span.retryCount ?? 0;
  if (retries > 0) {
    return { level: "WARNING", statusMessage: span.statusMessage ?? `succeeded after ${retries} ${retries === 1 ? "retry" : "retries"}` };
  }
  return span.statusMessage === undefined ? {} : { statusMessage: span.statusMessage };
}

export function environmentOf(span: ReadonlySpan, settings: MappingSettings): string | undefined {
  if (settings.environment !== undefined) return settings.environment;
  const own = span.context.environment;
  return own === undefined ? undefined : sanitizeEnvironment(own);
}

export function releaseOf(span: ReadonlySpan, settings: MappingSettings): string | undefined {
  return settings.release ?? span.context.release;
}

export function traceNameOf(span: ReadonlySpan): string | undefined {
  return span.context.traceName ?? (isTraceRoot(span) ? span.name : undefined);
}

/** Langfuse links prompts by name and integer version, and only on generations; fallback prompts have neither. */
export function linkedPrompt(
  type: LangfuseObservationType,
  prompt: Readonly<PromptRef> | undefined,
): { name: string; version: number } | undefined {
  if (type !== "generation" || prompt?.name === undefined || prompt.version === undefined) return undefined;
  const version = typeof prompt.version === "number" ? prompt.version : Number(prompt.version);
  // Versions start at 1; the server refuses a name with version 0 (what fallback prompts carry).
  if (!Number.isInteger(version) || version < 1 || prompt.name === "") return undefined;
  return { name: prompt.name, version };
}

/**
 * Observation metadata: what Langfuse has no field for. `withAttributes` adds
 * the span's own attributes and events (the legacy API has no other place for
 * them; over OTLP they travel as span attributes and events).
 */
export function observationMetadata(span: ReadonlySpan, withAttributes: boolean): Record<string, unknown> | undefined {
  const metadata: Record<string, unknown> = {};
  // Langfuse has no reranker type (it becomes a retriever): keep the distinction visible.
  if (span.kind === "reranker") metadata["tracehub.kind"] = span.kind;
  if (span.provider !== undefined) metadata["provider"] = span.provider;
  if (span.error !== undefined) {
    const { type, category, stack } = span.error;
    metadata["error"] = stack === undefined ? { type, category } : { type, category, stack };
  }
  if (span.retryCount !== undefined) metadata["retryCount"] = span.retryCount;
  if (span.timeoutMs !== undefined) metadata["timeoutMs"] = span.timeoutMs;
  if (span.rateLimit !== undefined) metadata["rateLimit"] = span.rateLimit;
  const variables = span.prompt?.variables;
  if (hasKeys(variables)) metadata["promptVariables"] = variables;
  if (withAttributes) {
    if (Object.keys(span.attributes).length > 0) metadata["attributes"] = span.attributes;
    if (span.events.length > 0) {
      metadata["events"] = span.events.map((e) =>
        e.attributes === undefined ? { name: e.name, time: isoTime(e.time) } : { name: e.name, time: isoTime(e.time), attributes: e.attributes },
      );
    }
    if (span.links.length > 0) metadata["links"] = span.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId }));
  }
  if (Object.keys(metadata).length === 0) return undefined;
  // Rate limits, prompt variables and event attributes are the caller's values as given: make them JSON-safe.
  return toSafeValue(metadata) as Record<string, unknown>;
}

/** 9999-12-31T23:59:59.999Z: the last instant ISO 8601 writes with a four-digit year. */
const MAX_ISO_MS = 253_402_300_799_999;

/**
 * Epoch milliseconds (with a fraction) as ISO 8601. Never throws: a time
 * outside 1970–9999 (a caller's odd Date) is clamped into it, since
 * `toISOString` throws past year 275760 and writes six-digit years before that.
 */
export function isoTime(ms: number): string {
  const clamped = ms > 0 ? Math.min(Math.floor(ms), MAX_ISO_MS) : 0;
  return new Date(clamped).toISOString();
}

/** True for an object with at least one own key; false for anything else, a throwing Proxy included. */
function hasKeys(value: unknown): boolean {
  try {
    return value !== null && typeof value === "object" && Object.keys(value).length > 0;
  } catch {
    return false;
  }
}
