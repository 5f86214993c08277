// Where a span sits in its LangSmith run tree. A run needs `trace_id` (the
// root run's id), `parent_run_id` and a `dotted_order` with one
// time+id segment per ancestor, root first. A span only knows its parent's
// span id, and children usually end (and are exported) before their parents,
// so the adapter records every span when it STARTS (core calls `onStart` with
// the parent already known) and walks that record up to the root at export.
//
// The record is bounded: beyond `maxSpans` the least recently used tenth is
// forgotten (every export touches the whole ancestor chain, so a long-running
// root that still has children in flight stays). When the walk reaches a
// parent that is not known — a remote parent (traceparent, OpenTelemetry), an
// evicted ancestor, spans re-sent from the spool after a restart — the highest
// known ancestor becomes the LangSmith root of the run tree and the lost
// parent span id is reported so the mapper can keep it in metadata.
import { dottedTimestamp, isoMicros, toEpochMicros } from "./timestamps.js";
import { runIdFor } from "./run-ids.js";

export interface RunLineage {
  runId: string;
  /** Id of the LangSmith root run of this tree. */
  traceRunId: string;
  parentRunId: string | undefined;
  dottedOrder: string;
  /**
   * `start_time` as sent: the span's start, raised to its parent's when a clock
   * quirk put it earlier (the server rejects a child that starts before its parent).
   */
  startTime: string;
  /** The same instant in whole epoch microseconds. */
  startMicros: number;
  /** Set when the tree's top span has a parent that is unknown here (remote or forgotten). */
  unknownParentSpanId: string | undefined;
}

interface SpanFacts {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string | undefined;
  readonly startTime: number;
}

interface TrackedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly startMicros: number;
  runId?: string;
}

/** Guards the walk against parent cycles made of bad ids. */
const MAX_DEPTH = 1000;

export const DEFAULT_MAX_TRACKED_SPANS = 100_000;

export class SpanLineage {
  readonly #maxSpans: number;
  /** By span id; insertion order is recency (oldest first). */
  readonly #spans = new Map<string, TrackedSpan>();
  /** Trace id → span id of the trace's first local root, for trace-level scores. */
  readonly #roots = new Map<string, string>();
  /** Retries and re-sends of one span object map to exactly the same tree. */
  readonly #resolved = new WeakMap<object, RunLineage>();

  constructor(maxSpans: number = DEFAULT_MAX_TRACKED_SPANS) {
    this.#maxSpans = Math.max(1, Math.floor(maxSpans));
  }

  get size(): number {
    return this.#spans.size;
  }

  /** Remembers a span's place and start. Cheap: it runs on the tracing hot path. */
  record(span: SpanFacts): void {
    const known = this.#spans.get(span.spanId);
    if (known !== undefined && known.traceId === span.traceId) return;
    this.#spans.set(span.spanId, {
      traceId: span.traceId,
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      startMicros: toEpochMicros(span.startTime),
    });
    if (this.#spans.size > this.#maxSpans) this.#evictOldest(this.#spans);
    // A true root always wins; a span whose parent is unknown is only a stand-in until one is seen.
    const isRoot = span.parentSpanId === undefined;
    if (isRoot || (!this.#roots.has(span.traceId) && !this.#spans.has(span.parentSpanId as string))) {
      this.#roots.set(span.traceId, span.spanId);
      if (this.#roots.size > this.#maxSpans) this.#evictOldest(this.#roots);
    }
  }

  /** The span's run id, trace id, parent and dotted_order; the same answer for the same span object. */
  resolve(span: SpanFacts): RunLineage {
    const memo = this.#resolved.get(span);
    if (memo !== undefined) return memo;
    this.record(span);
    const self = this.#get(span.traceId, span.spanId) ?? this.#track(span);
    const lineage = this.#lineageOf(self);
    this.#resolved.set(span, lineage);
    return lineage;
  }

  /**
   * Run of a span seen here — or, without a span id, the root run of the trace —
   * for feedback; undefined when it is not known.
   */
  locate(traceId: string, spanId: string | undefined): RunLineage | undefined {
    const id = spanId ?? this.#roots.get(traceId);
    if (id === undefined) return undefined;
    const tracked = this.#get(traceId, id);
    if (tracked === undefined) return undefined;
    // The remembered stand-in may have gained known ancestors since: use the top of its chain.
    const target = spanId === undefined ? (this.#chainOf(tracked).at(-1) as TrackedSpan) : tracked;
    return this.#lineageOf(target);
  }

  #lineageOf(self: TrackedSpan): RunLineage {
    const chain = this.#chainOf(self); // leaf first
    const top = chain[chain.length - 1] as TrackedSpan;
    const segments: string[] = [];
    let time = Number.NEGATIVE_INFINITY;
    for (let i = chain.length - 1; i >= 0; i--) {
      const tracked = chain[i] as TrackedSpan;
      time = Math.max(time, tracked.startMicros);
      segments.push(dottedTimestamp(time) + this.#runId(tracked));
    }
    const parent = chain[1];
    return {
      runId: this.#runId(self),
      traceRunId: this.#runId(top),
      parentRunId: parent === undefined ? undefined : this.#runId(parent),
      dottedOrder: segments.join("."),
      startTime: isoMicros(time),
      startMicros: time,
      unknownParentSpanId: top.parentSpanId,
    };
  }

  /** The span and its known ancestors, leaf first; each is marked recently used. */
  #chainOf(self: TrackedSpan): TrackedSpan[] {
    const chain = [self];
    const seen = new Set([self.spanId]);
    let current = self;
    while (current.parentSpanId !== undefined && chain.length < MAX_DEPTH) {
      const parent = this.#get(current.traceId, current.parentSpanId);
      if (parent === undefined || seen.has(parent.spanId)) break;
      seen.add(parent.spanId);
      chain.push(parent);
      current = parent;
    }
    for (const tracked of chain) this.#touch(tracked);
    return chain;
  }

  #get(traceId: string, spanId: string): TrackedSpan | undefined {
    const tracked = this.#spans.get(spanId);
    return tracked !== undefined && tracked.traceId === traceId ? tracked : undefined;
  }

  #track(span: SpanFacts): TrackedSpan {
    // Only reached when `record` could not keep it (a span id reused by another trace).
    return { traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId, startMicros: toEpochMicros(span.startTime) };
  }

  #touch(tracked: TrackedSpan): void {
    if (this.#spans.get(tracked.spanId) !== tracked) return;
    this.#spans.delete(tracked.spanId);
    this.#spans.set(tracked.spanId, tracked);
  }

  #runId(tracked: TrackedSpan): string {
    tracked.runId ??= runIdFor(tracked.traceId, tracked.spanId, tracked.startMicros / 1000);
    return tracked.runId;
  }

  /**
   * Forgets the least recently used tenth at once. One at a time would cost
   * ~30 µs per span: V8 walks the deleted slots at the front of a Map on every
   * `keys().next()` until the table is rehashed.
   */
  #evictOldest(map: Map<string, unknown>): void {
    let count = Math.max(1, Math.floor(this.#maxSpans / 10));
    for (const key of map.keys()) {
      map.delete(key);
      if (--count <= 0) break;
    }
  }
}
