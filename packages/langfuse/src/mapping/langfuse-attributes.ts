// Every Span field as the `langfuse.*` attributes Langfuse's OTLP endpoint
// reads (langfuse/langfuse packages/shared/src/server/otel/attributes.ts).
// Trace fields go on every span, as the vendor SDK's propagated attributes do,
// because Langfuse v4 builds traces from each observation; the trace's input
// and output only on the root. No gen_ai.* or OpenInference attributes: the
// server would read their usage too, and list them all in the metadata.
import type { ReadonlySpan } from "@tracehub/core";
import type { AddAttribute, SpanAttributeMapper } from "@tracehub/otlp";
import { objectText, payloadText, safeJson } from "./field-cap.js";
import { observationType } from "./observation-type.js";
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
} from "./span-fields.js";
import { langfuseCostDetails, langfuseUsageDetails } from "./usage-details.js";

/** Attribute names, as Langfuse spells them. */
export const LANGFUSE_ATTRIBUTES = {
  traceName: "langfuse.trace.name",
  traceUserId: "user.id",
  traceSessionId: "session.id",
  traceTags: "langfuse.trace.tags",
  tracePublic: "langfuse.trace.public",
  traceMetadata: "langfuse.trace.metadata",
  traceInput: "langfuse.trace.input",
  traceOutput: "langfuse.trace.output",
  type: "langfuse.observation.type",
  metadata: "langfuse.observation.metadata",
  level: "langfuse.observation.level",
  statusMessage: "langfuse.observation.status_message",
  input: "langfuse.observation.input",
  output: "langfuse.observation.output",
  completionStartTime: "langfuse.observation.completion_start_time",
  model: "langfuse.observation.model.name",
  modelParameters: "langfuse.observation.model.parameters",
  usageDetails: "langfuse.observation.usage_details",
  costDetails: "langfuse.observation.cost_details",
  promptName: "langfuse.observation.prompt.name",
  promptVersion: "langfuse.observation.prompt.version",
  environment: "langfuse.environment",
  release: "langfuse.release",
  version: "langfuse.version",
  isAppRoot: "langfuse.internal.is_app_root",
} as const;

const A = LANGFUSE_ATTRIBUTES;

/** The mapper the adapter runs after the span's own attributes (which therefore win on a clash). */
export function langfuseAttributeMapper(settings: MappingSettings): SpanAttributeMapper {
  return (span, add) => {
    const payload = {
      input: payloadText(span.input, settings.maxFieldBytes),
      output: payloadText(span.output, settings.maxFieldBytes),
    };
    observationAttributes(span, add, settings, payload);
    traceAttributes(span, add, settings, payload);
  };
}

interface PayloadTexts {
  input: string | undefined;
  output: string | undefined;
}

function observationAttributes(span: ReadonlySpan, add: AddAttribute, settings: MappingSettings, payload: PayloadTexts): void {
  const cap = settings.maxFieldBytes;
  const type = observationType(span.kind);
  add(A.type, type);
  const { level, statusMessage } = levelOf(span);
  add(A.level, level);
  add(A.statusMessage, statusMessage);
  add(A.input, payload.input);
  add(A.output, payload.output);
  add(A.metadata, objectText(observationMetadata(span, false), cap));
  add(A.model, span.model);
  if (span.modelParameters !== undefined) add(A.modelParameters, objectText(span.modelParameters, cap));
  const usage = langfuseUsageDetails(span.usage);
  if (usage !== undefined) add(A.usageDetails, safeJson(usage));
  const cost = langfuseCostDetails(span.cost);
  if (cost !== undefined) add(A.costDetails, safeJson(cost));
  if (span.completionStartTime !== undefined) add(A.completionStartTime, isoTime(span.completionStartTime));
  const prompt = linkedPrompt(type, span.prompt);
  if (prompt !== undefined) {
    add(A.promptName, prompt.name);
    add(A.promptVersion, prompt.version);
  }
}

function traceAttributes(span: ReadonlySpan, add: AddAttribute, settings: MappingSettings, payload: PayloadTexts): void {
  const { context } = span;
  const cap = settings.maxFieldBytes;
  add(A.traceName, traceNameOf(span));
  add(A.traceUserId, context.userId);
  add(A.traceSessionId, context.sessionId);
  if (context.tags !== undefined && context.tags.length > 0) add(A.traceTags, context.tags);
  add(A.traceMetadata, objectText(context.metadata, cap));
  add(A.tracePublic, settings.publicTraces);
  add(A.environment, environmentOf(span, settings));
  add(A.release, releaseOf(span, settings));
  add(A.version, context.version);
  if (isTraceRoot(span)) {
    add(A.traceInput, payload.input);
    add(A.traceOutput, payload.output);
  }
  if (isAppRoot(span)) add(A.isAppRoot, true);
}
