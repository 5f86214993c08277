// What Langfuse needs from one span, derived once and shared by both wire
// formats (OTLP attributes and legacy ingestion events): level and status
// message, observation metadata, the trace-level fields and the prompt link.
import type { PromptRef, ReadonlySpan } from "@tracehub/core";
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
  if (variables !== undefined && Object.keys(variables).length > 0) metadata["promptVariables"] = variables;
  if (withAttributes) {
    if (Object.keys(span.attributes).length > 0) metadata["attributes"] = span.attributes;
    if (span.events.length > 0) {
      metadata["events"] = span.events.map((e) =>
        e.attributes === undefined ? { name: e.name, time: isoTime(e.time) } : { name: e.name, time: isoTime(e.time), attributes: e.attributes },
      );
    }
    if (span.links.length > 0) metadata["links"] = span.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId }));
  }
  return Object.keys(metadata).length === 0 ? undefined : metadata;
}

/** Epoch milliseconds (with a fraction) as ISO 8601. */
export function isoTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}
