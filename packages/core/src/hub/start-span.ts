// Creating a span: find its parent (explicit, the current scope, or an active
// OpenTelemetry span), decide sampling from the trace id, stamp the scope's
// trace context, and build the scope its children will run in.
import type { PromptRef, TraceContext } from "../model/span.js";
import { currentScope, hasContextInput, mergeContext, type Scope } from "../context/scope.js";
import type { ParentRef } from "../context/parent-ref.js";
import { activeOtelSpan, otelParentRef } from "../context/otel-bridge.js";
import { parseTraceparent } from "../context/traceparent.js";
import { LiveSpan, type SpanSink } from "../span/live-span.js";
import { newSpanId, newTraceId } from "../util/ids.js";
import { nowMs, toEpochMs } from "../util/clock.js";
import { isTraceSampled } from "./sampler.js";
import { isSpanKind, type SpanOptions } from "./span-options.js";

export interface SamplingSink extends SpanSink {
  readonly sampleRate: number;
}

interface ResolvedParent {
  traceId: string;
  spanId: string;
  remote: boolean;
  sampled?: boolean | undefined;
}

function explicitParent(parent: NonNullable<SpanOptions["parent"]>): ResolvedParent | undefined {
  if (typeof parent === "string") return parseTraceparent(parent);
  if (parent instanceof LiveSpan) {
    return { traceId: parent.traceId, spanId: parent.spanId, remote: false, sampled: parent.sampled };
  }
  const ref = parent as ParentRef;
  if (typeof ref.traceId !== "string" || typeof ref.spanId !== "string") return undefined;
  return { traceId: ref.traceId, spanId: ref.spanId, remote: ref.remote !== false, sampled: ref.sampled };
}

function resolveParent(options: SpanOptions | undefined, scope: Scope, root: boolean, otelSpan: unknown): ResolvedParent | undefined {
  if (options?.parent !== undefined && options.parent !== null) {
    const parent = explicitParent(options.parent);
    if (parent !== undefined) return parent;
  }
  // An OpenTelemetry span started inside our current span is nearer than our span.
  const otelIsInner = otelSpan !== undefined && otelSpan !== scope.otelSpanAtEntry;
  if (!root && scope.span !== undefined && !otelIsInner) {
    return { traceId: scope.span.traceId, spanId: scope.span.spanId, remote: false, sampled: scope.span.sampled };
  }
  return otelParentRef(otelSpan as Parameters<typeof otelParentRef>[0]);
}

// Traces of one name started from one scope share their context object: one allocation, not one per trace.
let lastBase: object | undefined;
let lastName = "";
let lastRootContext: TraceContext | undefined;

function rootContext(base: TraceContext, traceName: string): TraceContext {
  if (base === lastBase && traceName === lastName) return lastRootContext as TraceContext;
  const context = mergeContext(base, { traceName });
  lastBase = base;
  lastName = traceName;
  lastRootContext = context;
  return context;
}

/** Starts a live span and returns it with the scope its children should run in. Throws only on a bug. */
export function startLiveSpan(
  sink: SamplingSink,
  name: string,
  options: SpanOptions | undefined,
  root: boolean,
): { span: LiveSpan; scope: Scope } {
  const scope = currentScope();
  const otelSpan = activeOtelSpan();
  const span = createSpan(sink, name, options, root, scope, otelSpan);
  const childScope: Scope = { span, context: span.context, prompt: scope.prompt, otelSpanAtEntry: otelSpan };
  return { span, scope: childScope };
}

/** Starts a live span without building a scope for children (startSpan/startTrace: the caller ends it). Throws only on a bug. */
export function startDetachedSpan(sink: SamplingSink, name: string, options: SpanOptions | undefined, root: boolean): LiveSpan {
  return createSpan(sink, name, options, root, currentScope(), activeOtelSpan());
}

function createSpan(
  sink: SamplingSink,
  name: string,
  options: SpanOptions | undefined,
  root: boolean,
  scope: Scope,
  otelSpan: ReturnType<typeof activeOtelSpan>,
): LiveSpan {
  if (options === null || typeof options !== "object") options = undefined;
  const parent = resolveParent(options, scope, root, otelSpan);
  const traceId = parent?.traceId ?? newTraceId();
  const sampled = parent?.sampled ?? isTraceSampled(traceId, sink.sampleRate);
  const spanName = typeof name === "string" && name !== "" ? name : "span";

  let context = scope.context;
  const isLocalRoot = parent === undefined || parent.remote;
  if (isLocalRoot) context = rootContext(context, spanName);
  if (hasContextInput(options)) context = mergeContext(context, options as SpanOptions);

  const span = new LiveSpan(
    sink,
    traceId,
    newSpanId(),
    parent?.spanId,
    parent?.remote === true,
    spanName,
    isSpanKind(options?.kind) ? options.kind : "span",
    options?.startTime === undefined ? nowMs() : toEpochMs(options.startTime),
    context,
    sampled,
  );
  if (options !== undefined && sampled) applyOptions(span, options);
  if (scope.prompt !== undefined && span.prompt === undefined) span.setPrompt(scope.prompt as PromptRef);
  if (sampled) sink.onSpanStart(span);
  return span;
}

function applyOptions(span: LiveSpan, options: SpanOptions): void {
  if (options.input !== undefined) span.setInput(options.input);
  if (options.attributes !== undefined) span.setAttributes(options.attributes);
  if (options.model !== undefined) span.setModel(options.model);
  if (options.provider !== undefined) span.setProvider(options.provider);
  if (options.modelParameters !== undefined) span.setModelParameters(options.modelParameters);
  if (options.prompt !== undefined) span.setPrompt(options.prompt);
  if (Array.isArray(options.links)) for (const link of options.links) span.addLink(link);
}
