// Legacy mode: spans as batch-ingestion events, for self-hosted servers without
// the OTLP endpoint. Spans arrive ended, so one `*-create` event carrying the
// end time is the whole observation (no `*-update` needed: updates would only
// repeat it). A root span also yields `trace-create`. Ids stay the W3C hex ids
// (the server takes any string), so scores and links match the OTel mode.
import type { ReadonlySpan } from "@tracehub/core";
import { capText, objectText, safeJson, utf8Length } from "../mapping/field-cap.js";
import { isGenerationLike, observationType, type LangfuseObservationType } from "../mapping/observation-type.js";
import {
  environmentOf,
  isAppRoot,
  isoTime,
  isTraceRoot,
  levelOf,
  linkedPrompt,
  observationMetadata,
  releaseOf,
  traceNameOf,
  type MappingSettings,
} from "../mapping/span-fields.js";
import { langfuseCostDetails, langfuseUsageDetails } from "../mapping/usage-details.js";
import { ingestionEvent, type IngestionEvent } from "./ingestion-event.js";

export interface LegacySettings extends MappingSettings {
  /** false: agent/tool/chain/retriever/evaluator/guardrail become span-create, embedding generation-create (servers before these types). */
  typedObservationEvents: boolean;
}

/** trace-create (for a root) followed by the observation's create event. */
export function legacySpanEvents(span: ReadonlySpan, settings: LegacySettings): IngestionEvent[] {
  const events: IngestionEvent[] = [];
  const trace = traceCreate(span, settings);
  if (trace !== undefined) events.push(trace);
  events.push(observationCreate(span, settings));
  return events;
}

function eventType(type: LangfuseObservationType, typed: boolean): string {
  if (typed || type === "span" || type === "generation" || type === "event") return `${type}-create`;
  return type === "embedding" ? "generation-create" : "span-create";
}

function observationCreate(span: ReadonlySpan, settings: LegacySettings): IngestionEvent {
  const cap = settings.maxFieldBytes;
  const type = observationType(span.kind);
  const { level, statusMessage } = levelOf(span);
  const start = isoTime(span.startTime);
  const body: Record<string, unknown> = {
    id: span.spanId,
    traceId: span.traceId,
    parentObservationId: span.parentSpanId,
    name: span.name,
    startTime: start,
    // CreateEventBody has no end time: an event is a point in time.
    endTime: type === "event" ? undefined : isoTime(span.endTime),
    input: payloadValue(span.input, cap),
    output: payloadValue(span.output, cap),
    metadata: metadataValue(observationMetadata(span, true), cap),
    level,
    statusMessage,
    version: span.context.version,
    environment: environmentOf(span, settings),
  };
  if (type !== "event") {
    body["model"] = span.model;
    body["modelParameters"] = modelParameters(span.modelParameters);
    body["usageDetails"] = langfuseUsageDetails(span.usage);
    body["costDetails"] = langfuseCostDetails(span.cost);
    if (span.completionStartTime !== undefined) body["completionStartTime"] = isoTime(span.completionStartTime);
    const prompt = linkedPrompt(type, span.prompt);
    if (prompt !== undefined) {
      body["promptName"] = prompt.name;
      body["promptVersion"] = prompt.version;
    }
  }
  if (!settings.typedObservationEvents && !isGenerationLike(type) && type !== "span" && type !== "event") {
    // The server would not know the type: keep it visible in the metadata.
    body["metadata"] = { ...(body["metadata"] as Record<string, unknown> | undefined), "langfuse.observation.type": type };
  }
  return ingestionEvent(eventType(type, settings.typedObservationEvents), start, body);
}

/** A root's trace-create; for a span whose parent is in another process, the trace's context without name or payload. */
function traceCreate(span: ReadonlySpan, settings: LegacySettings): IngestionEvent | undefined {
  if (!isAppRoot(span)) return undefined;
  const cap = settings.maxFieldBytes;
  const { context } = span;
  const root = isTraceRoot(span);
  const start = isoTime(span.startTime);
  return ingestionEvent("trace-create", start, {
    id: span.traceId,
    // A span with a remote parent must not overwrite what the trace's real root reports.
    timestamp: root ? start : undefined,
    name: root ? traceNameOf(span) : undefined,
    input: root ? payloadValue(span.input, cap) : undefined,
    output: root ? payloadValue(span.output, cap) : undefined,
    userId: context.userId,
    sessionId: context.sessionId,
    tags: context.tags !== undefined && context.tags.length > 0 ? context.tags : undefined,
    metadata: metadataValue(context.metadata, cap),
    release: releaseOf(span, settings),
    version: context.version,
    environment: environmentOf(span, settings),
    public: settings.publicTraces,
  });
}

/** The value itself while its JSON fits the cap, else the capped JSON text (what Langfuse then shows). */
function payloadValue(value: unknown, cap: number): unknown {
  if (value === undefined) return undefined;
  if (typeof value === "string") return capText(value, cap);
  const text = safeJson(value);
  if (text === undefined) return undefined;
  return text.length * 3 <= cap || utf8Length(text) <= cap ? value : capText(text, cap);
}

/** Metadata must stay an object: over the cap it becomes the marker object objectText describes. */
function metadataValue(value: Readonly<Record<string, unknown>> | undefined, cap: number): unknown {
  if (value === undefined || Object.keys(value).length === 0) return undefined;
  const text = safeJson(value);
  if (text === undefined) return undefined;
  if (text.length * 3 <= cap || utf8Length(text) <= cap) return value;
  return JSON.parse(objectText(value, cap) as string) as unknown;
}

/** Values the server accepts (string, number, boolean, string[]); anything else as JSON text. */
function modelParameters(parameters: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> | undefined {
  if (parameters === undefined || Object.keys(parameters).length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (value === undefined || value === null) continue;
    const simple =
      typeof value === "string" ||
      (typeof value === "number" && Number.isFinite(value)) ||
      typeof value === "boolean" ||
      (Array.isArray(value) && value.every((v) => typeof v === "string"));
    out[key] = simple ? value : (safeJson(value) ?? String(value));
  }
  return out;
}
