// One ended span → one LangSmith run, sent as a single create ("post") that
// already carries end_time, outputs and error: spans reach adapters only once
// they have ended, so no later "patch" is ever needed.
import { toSafeValue, type ReadonlySpan } from "@tracehub/core";
import type { RunCreate } from "langsmith/schemas";
import { runTypeFor, type LangSmithRunType } from "./run-type.js";
import type { RunLineage } from "./span-lineage.js";
import { isoMicros, toEpochMicros } from "./timestamps.js";
import { modelMetadataOf, usageMetadataOf } from "./usage-metadata.js";

/** A run as the ingestion endpoints take it: ids, tree position and times always set. */
export interface LangSmithRun extends RunCreate {
  id: string;
  trace_id: string;
  dotted_order: string;
  run_type: LangSmithRunType;
  start_time: string;
  end_time: string;
  inputs: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  extra: { metadata: Record<string, unknown>; runtime: Record<string, unknown> };
  events?: Record<string, unknown>[];
  session_name: string;
}

export interface RunMappingSettings {
  /** LangSmith project (`session_name`). */
  project: string;
  hideInputs: boolean;
  hideOutputs: boolean;
}

/** A fresh literal per run, so changing one returned run's runtime cannot change every run's; cheaper than spreading a constant. */
function runtimeInfo(): Record<string, unknown> {
  return { sdk: "tracehub", library: "tracehub", runtime: "nodejs" };
}

export function toLangSmithRun(span: ReadonlySpan, lineage: RunLineage, settings: RunMappingSettings): LangSmithRun {
  const usage = usageMetadataOf(span);
  const run: LangSmithRun = {
    id: lineage.runId,
    trace_id: lineage.traceRunId,
    dotted_order: lineage.dottedOrder,
    name: span.name,
    run_type: runTypeFor(span.kind),
    start_time: lineage.startTime,
    end_time: isoMicros(Math.max(toEpochMicros(span.endTime), lineage.startMicros)),
    inputs: settings.hideInputs ? {} : inputsOf(span),
    extra: { metadata: metadataOf(span, lineage), runtime: runtimeInfo() },
    session_name: settings.project,
  };
  if (lineage.parentRunId !== undefined) run.parent_run_id = lineage.parentRunId;
  const outputs = settings.hideOutputs ? {} : outputsOf(span);
  // Token counts are not content: they stay visible when outputs are hidden.
  if (usage !== undefined) {
    outputs.usage_metadata = usage;
    run.extra.metadata.usage_metadata = usage;
  }
  if (Object.keys(outputs).length > 0) run.outputs = outputs;
  const error = errorTextOf(span);
  if (error !== undefined) run.error = error;
  const events = eventsOf(span);
  if (events.length > 0) run.events = events;
  const tags = span.context.tags;
  if (tags !== undefined && tags.length > 0) run.tags = [...tags];
  return run;
}

/** Inputs must be an object: other values are wrapped (chat messages under `messages`, as LangSmith renders them). */
function inputsOf(span: ReadonlySpan): Record<string, unknown> {
  const input = span.input;
  if (input === undefined || input === null) return {};
  if (isPlainObject(input)) return { ...input };
  if (Array.isArray(input) && span.kind === "llm") return { messages: input };
  return { input };
}

/** Outputs must be an object: other values are wrapped (retrieved documents under `documents`). */
function outputsOf(span: ReadonlySpan): Record<string, unknown> {
  const output = span.output;
  if (output === undefined || output === null) return {};
  if (isPlainObject(output)) return { ...output };
  if (Array.isArray(output) && (span.kind === "retriever" || span.kind === "reranker")) return { documents: output };
  return { output };
}

/** `Type: message` and the stack, as LangSmith shows an error; undefined for a span that did not fail. */
function errorTextOf(span: ReadonlySpan): string | undefined {
  const { error } = span;
  if (error === undefined) return span.status === "error" ? (span.statusMessage ?? "error") : undefined;
  const header = error.message === "" ? error.type : `${error.type}: ${error.message}`;
  if (error.stack === undefined || error.stack === "") return header;
  // V8 stacks already start with "Type: message".
  return error.stack.startsWith(header) ? error.stack : `${header}\n${error.stack}`;
}

function metadataOf(span: ReadonlySpan, lineage: RunLineage): Record<string, unknown> {
  const { context } = span;
  const metadata: Record<string, unknown> = {};
  copyInto(metadata, span.attributes);
  if (context.metadata !== undefined) copyInto(metadata, context.metadata);
  // LangSmith groups traces into threads by the metadata key session_id (or thread_id / conversation_id).
  // Named stores, not a shared setter: one keyed-store site for every key is megamorphic and slow per run.
  if (context.sessionId !== undefined) metadata.session_id = context.sessionId;
  if (context.userId !== undefined) metadata.user_id = context.userId;
  if (context.environment !== undefined) metadata.environment = context.environment;
  // revision_id is the key LangSmith's SDK uses for the application's release.
  if (context.release !== undefined) metadata.revision_id = context.release;
  if (context.version !== undefined) metadata.version = context.version;
  if (context.serviceName !== undefined) metadata.service_name = context.serviceName;
  metadata.tracehub_kind = span.kind;
  // The W3C ids, to find the same span in an OTLP backend or in logs.
  metadata.otel_trace_id = span.traceId;
  metadata.otel_span_id = span.spanId;
  if (lineage.unknownParentSpanId !== undefined) metadata.otel_parent_span_id = lineage.unknownParentSpanId;
  // The prompt reference is the caller's object as given: make its fields JSON-safe.
  if (span.prompt !== undefined) {
    const name = safeField(span.prompt.name);
    if (name !== undefined) metadata.prompt_name = name;
    const version = safeField(span.prompt.version);
    if (version !== undefined) metadata.prompt_version = version;
  }
  if (span.retryCount !== undefined) metadata.retry_count = span.retryCount;
  if (span.timeoutMs !== undefined) metadata.timeout_ms = span.timeoutMs;
  if (span.rateLimit !== undefined) metadata.rate_limit = toSafeValue(span.rateLimit);
  const model = modelMetadataOf(span);
  if (model.ls_invocation_params !== undefined) model.ls_invocation_params = toSafeValue(model.ls_invocation_params);
  return copyInto(metadata, model);
}

/** Own enumerable keys of `source` onto `target` (what a spread copies), without cloning a hidden class per source shape. */
function copyInto(target: Record<string, unknown>, source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  for (const key of Object.keys(source)) {
    // An own "__proto__" key (JSON.parse makes those) must stay data, as a spread keeps it, not become the prototype.
    if (key === "__proto__") Object.defineProperty(target, key, { value: source[key], enumerable: true, writable: true, configurable: true });
    else target[key] = source[key];
  }
  return target;
}

/** The first token as LangSmith's `new_token` event (it reads time-to-first-token from it), then the span's events. */
function eventsOf(span: ReadonlySpan): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  if (span.completionStartTime !== undefined) {
    events.push({ name: "new_token", time: isoMicros(toEpochMicros(span.completionStartTime)) });
  }
  for (const event of span.events) {
    const mapped: Record<string, unknown> = { name: event.name, time: isoMicros(toEpochMicros(event.time)) };
    // Event attributes are the caller's values as given (core checks only span attributes).
    const kwargs = event.attributes === undefined ? undefined : toSafeValue(event.attributes);
    if (isPlainObject(kwargs) && Object.keys(kwargs).length > 0) mapped.kwargs = kwargs;
    events.push(mapped);
  }
  return events;
}

function safeField(value: unknown): unknown {
  return value === undefined ? undefined : toSafeValue(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
