// Walks one export batch in the order OTLP nests it (resource → scope → span →
// attributes, events, links, status) and tells an emitter what to write. All
// mapping decisions live here, once, for both protobuf and JSON.
import { isValidSpanId, isValidTraceId, type ReadonlySpan, type RejectedItem, type Score } from "@tracehub/core";
import type { SpanAttributeMapper } from "../mappers/attribute-mapper.js";
import { FixedKey, keyedForm, type KeyedAdd, type KeyedMapper } from "../mappers/fixed-keys.js";
import { JsonContent } from "../mappers/json-content.js";
import { attributeEntries, attributeValue } from "./attribute-values.js";
import { rememberJsonText } from "../mappers/json-text.js";
import { rememberSpanMessages } from "../mappers/span-messages.js";
import * as F from "../proto/otlp-fields.js";
import type { AttributeKeys, KeyEntry } from "./attribute-keys.js";
import type { AttributeEntries, InstrumentationScope, RequestEmitter } from "./request-emitter.js";
import { groupByResource, resourceAttributes, type ResourceGroup } from "./resource-groups.js";
import { EVALUATION_EVENT_NAME, evaluationSpanId, scoreAttributes } from "./score-events.js";

export interface WalkOptions {
  resource: AttributeEntries;
  scope: InstrumentationScope;
  mappers: readonly SpanAttributeMapper[];
  scoreEvents: boolean;
}

export interface WalkSummary {
  /** Spans written, evaluation spans for lone scores included. */
  spanCount: number;
  /** Spans and scores left out because an id is not valid W3C hex (a collector would reject the whole request). */
  invalid: RejectedItem[];
}

export interface BatchInput {
  readonly spans: readonly ReadonlySpan[];
  readonly scores?: readonly Score[] | undefined;
}

/** What the attribute sink writes to while a request is being walked. */
export interface WalkState {
  readonly keys: AttributeKeys;
  readonly emitter: RequestEmitter;
}

/**
 * An id check that remembers the last id it passed: the spans of a batch share
 * a few traces and parents, and the same string needs no second look.
 */
class LastValidId {
  private last: string | undefined = undefined;

  constructor(private readonly isValid: (id: string) => boolean) {}

  check(id: string): boolean {
    if (id === this.last) return true;
    if (!this.isValid(id)) return false;
    this.last = id;
    return true;
  }
}

// The sink handed to mappers is one long-lived function reading this state,
// not a closure per request: optimised mapper code inlines its call target,
// and a target that dies with its request would deoptimise it at the next GC.
let current: WalkState | undefined;

const addAttribute: KeyedAdd = (key, value) => {
  if (value === undefined || value === null || current === undefined) return;
  if (value instanceof JsonContent) {
    const entry = claimEntry(current.keys, key);
    // Content with no JSON text (a function, say) adds nothing: the key stays free for a later mapper.
    if (entry !== undefined && !current.emitter.jsonAttribute(entry, value)) current.keys.release(entry);
    return;
  }
  const clean = attributeValue(value);
  if (clean === undefined) return;
  const entry = claimEntry(current.keys, key);
  if (entry !== undefined) current.emitter.attribute(entry, clean);
};

/** The key's entry for this span, or undefined when the span has it already or the key is unusable. */
function claimEntry(keys: AttributeKeys, key: string | FixedKey): KeyEntry | undefined {
  // Built-in mappers pass FixedKeys, everyone else strings; any other key (plain JS callers) is dropped.
  if (typeof key === "string") return key === "" ? undefined : keys.claim(key);
  return key instanceof FixedKey ? keys.claimFixed(key) : undefined;
}

export function walkRequest(batch: BatchInput, options: WalkOptions, state: WalkState): WalkSummary {
  const { emitter } = state;
  const invalid: RejectedItem[] = [];
  const traceIds = new LastValidId(isValidTraceId);
  const spans = batch.spans.filter((span) => {
    if (traceIds.check(span.traceId) && isValidSpanId(span.spanId)) return true;
    invalid.push({ id: span.spanId, retryable: false, reason: "span has an invalid trace or span id" });
    return false;
  });
  const { attached, lone } = sortScores(options.scoreEvents ? (batch.scores ?? []) : [], spans, invalid);
  const mappers = options.mappers.map(keyedForm);
  const parentIds = new LastValidId(isValidSpanId); // siblings share their parent's id
  const groups = [...groupByResource(spans, options.resource).values()];
  // Lone scores join the first resource, or one of their own when the batch has no spans.
  if (groups.length === 0 && lone.length > 0) groups.push({ attributes: resourceAttributes(options.resource, {}), spans: [] });

  const previous = current; // a mapper could encode another request from inside this one
  current = state;
  rememberJsonText(true);
  rememberSpanMessages(true);
  let spanCount = 0;
  try {
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as ResourceGroup;
      emitter.beginResource(group.attributes);
      emitter.beginScope(options.scope);
      for (const span of group.spans) writeSpan(state, span, mappers, attached, parentIds);
      spanCount += group.spans.length;
      if (g === 0) spanCount += writeLoneScores(state, lone);
      emitter.endScope();
      emitter.endResource();
    }
  } finally {
    current = previous;
    rememberJsonText(previous !== undefined);
    rememberSpanMessages(previous !== undefined);
  }
  return { spanCount, invalid };
}

function writeSpan(
  state: WalkState,
  span: ReadonlySpan,
  mappers: readonly KeyedMapper[],
  attached: Map<string, Score[]> | undefined,
  parentIds: LastValidId,
): void {
  const { emitter } = state;
  const parent = span.parentSpanId;
  emitter.beginSpan({
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: parent !== undefined && parentIds.check(parent) ? parent : undefined,
    flags: spanFlags(parent !== undefined && span.parentIsRemote === true),
    name: span.name,
    kind: span.kind === "llm" || span.kind === "embedding" ? F.SPAN_KIND_CLIENT : F.SPAN_KIND_INTERNAL,
    startMs: span.startTime,
    endMs: span.endTime,
  });
  state.keys.nextSpan();
  for (let i = 0; i < mappers.length; i++) {
    try {
      (mappers[i] as KeyedMapper)(span, addAttribute);
    } catch {
      // A mapper tripped over an odd field value (a user's hostile object): the span keeps what was added.
    }
  }
  emitter.endAttributes();

  for (const event of span.events) emitter.event(event.name, event.time, attributeEntries(event.attributes));
  if (span.error !== undefined) {
    // The OpenTelemetry way to record an exception (semantic conventions, "exceptions").
    emitter.event("exception", span.endTime, {
      "exception.type": span.error.type,
      "exception.message": span.error.message,
      "exception.stacktrace": span.error.stack,
    });
  }
  const scores = attached?.get(span.spanId);
  if (scores !== undefined) {
    for (const score of scores) emitter.event(EVALUATION_EVENT_NAME, score.time, scoreAttributes(score));
  }
  for (const link of span.links) {
    if (isValidTraceId(link.traceId) && isValidSpanId(link.spanId)) {
      emitter.link(link.traceId, link.spanId, F.SPAN_FLAGS_SAMPLED, attributeEntries(link.attributes));
    }
  }
  emitter.endSpan(statusCode(span), statusMessage(span));
}

function spanFlags(remoteParent: boolean): number {
  const flags = F.SPAN_FLAGS_SAMPLED | F.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE;
  return remoteParent ? flags | F.SPAN_FLAGS_CONTEXT_IS_REMOTE : flags;
}

function statusCode(span: ReadonlySpan): number {
  if (span.status === "error") return F.STATUS_CODE_ERROR;
  return span.status === "ok" ? F.STATUS_CODE_OK : F.STATUS_CODE_UNSET;
}

/** OTLP keeps a status message only for errors. */
function statusMessage(span: ReadonlySpan): string | undefined {
  if (span.status !== "error") return undefined;
  return span.statusMessage ?? span.error?.message;
}

/** Scores whose span is in this batch become its events; the others ride on evaluation spans. */
function sortScores(
  scores: readonly Score[],
  spans: readonly ReadonlySpan[],
  invalid: RejectedItem[],
): { attached: Map<string, Score[]> | undefined; lone: Score[] } {
  if (scores.length === 0) return { attached: undefined, lone: [] };
  const spanTrace = new Map<string, string>();
  for (const span of spans) spanTrace.set(span.spanId, span.traceId);
  const attached = new Map<string, Score[]>();
  const lone: Score[] = [];
  for (const score of scores) {
    if (!isValidTraceId(score.traceId)) {
      invalid.push({ id: score.id, retryable: false, reason: "score has an invalid trace id" });
    } else if (score.spanId !== undefined && spanTrace.get(score.spanId) === score.traceId) {
      const list = attached.get(score.spanId);
      if (list === undefined) attached.set(score.spanId, [score]);
      else list.push(score);
    } else {
      lone.push(score);
    }
  }
  return { attached, lone };
}

/** Each lone score as a zero-duration evaluation span carrying its event; returns how many. */
function writeLoneScores(state: WalkState, scores: readonly Score[]): number {
  const { emitter, keys } = state;
  for (const score of scores) {
    const attributes = scoreAttributes(score);
    emitter.beginSpan({
      traceId: score.traceId,
      spanId: evaluationSpanId(score.id),
      parentSpanId: score.spanId !== undefined && isValidSpanId(score.spanId) ? score.spanId : undefined,
      flags: spanFlags(false),
      name: `evaluation ${score.name}`,
      kind: F.SPAN_KIND_INTERNAL,
      startMs: score.time,
      endMs: score.time,
    });
    keys.nextSpan();
    for (const key in attributes) addAttribute(key, attributes[key]);
    addAttribute("openinference.span.kind", "EVALUATOR");
    emitter.endAttributes();
    emitter.event(EVALUATION_EVENT_NAME, score.time, attributes);
    emitter.endSpan(F.STATUS_CODE_UNSET, undefined);
  }
  return scores.length;
}
