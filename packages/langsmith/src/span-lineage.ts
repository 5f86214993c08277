// Where a span sits in its LangSmith run tree. A run needs `trace_id` (the
// root run's id), `parent_run_id` and a `dotted_order` with one
// time+id segment per ancestor, root first. A span only knows its parent's
// span id, and children usually end (and are exported) before their parents,
// so the adapter records every span when it STARTS (core calls `onStart` with
// the parent already known, on the application's hot path) and walks that
// record up to the root at export.
//
// What is remembered: every span from its start until its run is exported and
// none of its children is still open (each record counts its parent's open
// children; each export releases one), then a bounded set of recently
// exported spans for late children and for feedback. Both are bounded; past
// the bound the oldest entry goes (an open span with open children gets
// another lap first). When the walk reaches a parent that is not known — a
// remote parent (traceparent, OpenTelemetry), a forgotten ancestor, spans
// re-sent from the spool after a restart — the highest known ancestor becomes
// the LangSmith root of the run tree and the lost parent span id is reported
// so the mapper can keep it in metadata.
import { OldestFirst } from "./oldest-first.js";
import { runIdFor } from "./run-ids.js";
import { dottedFromIso, dottedTimestamp, isoMicros, toEpochMicros } from "./timestamps.js";

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

/** One remembered span; a class so every entry has one hidden class (record runs per span start). */
class TrackedSpan {
  runId: string | undefined = undefined;
  /** Children recorded while this span was open and not yet exported. */
  openChildren = 0;
  exported = false;
  /** The parent whose `openChildren` this span counts in, until this span is exported. */
  countedIn: TrackedSpan | undefined;
  /** Last dotted_order segment built for this span, and the time it was built for. */
  segment: string | undefined = undefined;
  segmentMicros = -1;

  constructor(
    readonly traceId: string,
    readonly spanId: string,
    readonly parentSpanId: string | undefined,
    readonly startMicros: number,
    countedIn: TrackedSpan | undefined,
  ) {
    this.countedIn = countedIn;
  }
}

/** Guards the walk against parent cycles made of bad ids. */
const MAX_DEPTH = 1000;
/** An entry kept open this many laps past the bound is forgotten anyway (the bound is hard). */
const MAX_LAPS_PER_INSERT = 4;

export const DEFAULT_MAX_TRACKED_SPANS = 100_000;
/**
 * Exported spans remembered for late children and for feedback (at most `maxSpans`).
 * Feedback needs the run id, which depends on the span's start time, so this
 * window is how late a score may arrive: 100k spans (~25 MB at the most) covers
 * minutes of high traffic; the fault matrix's 100k-span run needs all of it.
 */
export const DEFAULT_MAX_EXPORTED_SPANS = 100_000;

export class SpanLineage {
  readonly #maxSpans: number;
  readonly #maxExported: number;
  /** Spans not yet exported, or exported with children still open; by span id, oldest first. */
  readonly #open = new Map<string, TrackedSpan>();
  readonly #oldestOpen = new OldestFirst(this.#open);
  /** Recently exported spans with no open children; by span id, oldest first. */
  readonly #exported = new Map<string, TrackedSpan>();
  readonly #oldestExported = new OldestFirst(this.#exported);
  /** Trace id → span id of the trace's first local root, for trace-level scores. */
  readonly #roots = new Map<string, string>();
  readonly #oldestRoot = new OldestFirst(this.#roots);
  /** Retries and re-sends of one span object map to exactly the same tree. */
  readonly #resolved = new WeakMap<object, RunLineage>();

  constructor(maxSpans: number = DEFAULT_MAX_TRACKED_SPANS, maxExported: number = DEFAULT_MAX_EXPORTED_SPANS) {
    this.#maxSpans = Math.max(1, Math.floor(maxSpans));
    this.#maxExported = Math.min(this.#maxSpans, Math.max(1, Math.floor(maxExported)));
  }

  /** Spans remembered: open ones and recently exported ones. */
  get size(): number {
    return this.#open.size + this.#exported.size;
  }

  /** Remembers a span's place and start. O(1), a few Map operations: it runs on the tracing hot path. */
  record(span: SpanFacts): void {
    const { traceId, spanId, parentSpanId } = span;
    const known = this.#open.get(spanId);
    if (known !== undefined && known.traceId === traceId) return;
    // The parent this span is counted in while open (an open one), and whether the parent is known at all.
    let parent: TrackedSpan | undefined;
    let parentKnown = false;
    if (parentSpanId !== undefined) {
      parent = this.#open.get(parentSpanId);
      if (parent !== undefined && parent.traceId === traceId) {
        parent.openChildren++;
        parentKnown = true;
      } else {
        parent = undefined;
        parentKnown = this.#refreshExported(traceId, parentSpanId);
      }
    }
    this.#open.set(spanId, new TrackedSpan(traceId, spanId, parentSpanId, toEpochMicros(span.startTime), parent));
    if (this.#open.size > this.#maxSpans) this.#evictOpen();
    // A true root always wins; a span whose parent is unknown is only a stand-in until one is seen.
    if (parentSpanId === undefined) this.#setRoot(traceId, spanId);
    else if (!parentKnown && !this.#roots.has(traceId)) this.#setRoot(traceId, spanId);
  }

  /**
   * A late child's exported parent goes to the back of the line, so the parent
   * outlives its own children's exports. True when the parent was found there.
   */
  #refreshExported(traceId: string, spanId: string): boolean {
    const exported = this.#exported.get(spanId);
    if (exported === undefined || exported.traceId !== traceId) return false;
    this.#exported.delete(spanId);
    this.#exported.set(spanId, exported);
    return true;
  }

  #setRoot(traceId: string, spanId: string): void {
    this.#roots.set(traceId, spanId);
    // Entries leave with their span; this only catches span ids reused across traces.
    if (this.#roots.size > this.#maxSpans + this.#maxExported) {
      const oldest = this.#oldestRoot.next();
      if (oldest !== undefined) this.#roots.delete(oldest);
    }
  }

  /**
   * Records a span met at export, unless it is known here already: a retry of
   * that very object, or a copy of a span exported before (a re-send from the
   * spool), which must not be opened again.
   */
  admit(span: SpanFacts): void {
    if (!this.#resolved.has(span) && this.#get(span.traceId, span.spanId) === undefined) this.record(span);
  }

  /**
   * The span's run id, trace id, parent and dotted_order; the same answer for
   * the same span object. Marks the span exported: once its children are
   * exported too it moves to the bounded set of recently exported spans.
   */
  resolve(span: SpanFacts): RunLineage {
    const memo = this.#resolved.get(span);
    if (memo !== undefined) return memo;
    this.admit(span);
    const self = this.#get(span.traceId, span.spanId) ?? this.#track(span);
    const lineage = this.#lineageOf(self);
    this.#resolved.set(span, lineage);
    this.#markExported(self);
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
    let dottedOrder = "";
    let time = Number.NEGATIVE_INFINITY;
    for (let i = chain.length - 1; i > 0; i--) {
      const tracked = chain[i] as TrackedSpan;
      time = Math.max(time, tracked.startMicros);
      dottedOrder += this.#segment(tracked, time) + ".";
    }
    time = Math.max(time, self.startMicros);
    const startTime = isoMicros(time);
    const runId = this.#runId(self);
    dottedOrder += dottedFromIso(startTime) + runId;
    const parent = chain[1];
    return {
      runId,
      traceRunId: this.#runId(top),
      parentRunId: parent === undefined ? undefined : this.#runId(parent),
      dottedOrder,
      startTime,
      startMicros: time,
      unknownParentSpanId: top.parentSpanId,
    };
  }

  /** An ancestor's dotted_order segment; the same ancestor comes up for each of its descendants. */
  #segment(tracked: TrackedSpan, time: number): string {
    if (tracked.segment === undefined || tracked.segmentMicros !== time) {
      tracked.segment = dottedTimestamp(time) + this.#runId(tracked);
      tracked.segmentMicros = time;
    }
    return tracked.segment;
  }

  /** The span and its known ancestors, leaf first. */
  #chainOf(self: TrackedSpan): TrackedSpan[] {
    const chain = [self];
    let current = self;
    while (current.parentSpanId !== undefined && chain.length < MAX_DEPTH) {
      const parent = this.#get(current.traceId, current.parentSpanId);
      if (parent === undefined || chain.includes(parent)) break;
      chain.push(parent);
      current = parent;
    }
    return chain;
  }

  #get(traceId: string, spanId: string): TrackedSpan | undefined {
    const open = this.#open.get(spanId);
    if (open !== undefined && open.traceId === traceId) return open;
    const exported = this.#exported.get(spanId);
    return exported !== undefined && exported.traceId === traceId ? exported : undefined;
  }

  #track(span: SpanFacts): TrackedSpan {
    // Only reached when `record` could not keep it: the span was evicted by its own insert (a bound of 1).
    return new TrackedSpan(span.traceId, span.spanId, span.parentSpanId, toEpochMicros(span.startTime), undefined);
  }

  #runId(tracked: TrackedSpan): string {
    tracked.runId ??= runIdFor(tracked.traceId, tracked.spanId, tracked.startMicros / 1000);
    return tracked.runId;
  }

  #markExported(tracked: TrackedSpan): void {
    if (tracked.exported) return;
    tracked.exported = true;
    if (tracked.openChildren === 0) this.#retire(tracked);
    this.#releaseFromParent(tracked);
  }

  /** The span no longer keeps its parent open; an exported parent with no open children left retires. */
  #releaseFromParent(tracked: TrackedSpan): void {
    const parent = tracked.countedIn;
    tracked.countedIn = undefined;
    if (parent !== undefined && --parent.openChildren === 0 && parent.exported) this.#retire(parent);
  }

  /** Moves an exported span whose children are all exported to the recently exported set. */
  #retire(tracked: TrackedSpan): void {
    if (this.#open.get(tracked.spanId) !== tracked) return; // forgotten already, or never kept
    this.#open.delete(tracked.spanId);
    tracked.segment = undefined; // rebuilt if a late child comes; most never do
    this.#exported.set(tracked.spanId, tracked);
    if (this.#exported.size > this.#maxExported) {
      const oldest = this.#oldestExported.next();
      if (oldest !== undefined) this.#forget(this.#exported, oldest);
    }
  }

  /** Over the bound: forgets the oldest open span; one with open children gets another lap first. */
  #evictOpen(): void {
    for (let lap = 0; lap <= MAX_LAPS_PER_INSERT; lap++) {
      const oldest = this.#oldestOpen.next();
      if (oldest === undefined) return;
      const tracked = this.#open.get(oldest) as TrackedSpan;
      if (tracked.openChildren > 0 && lap < MAX_LAPS_PER_INSERT) {
        this.#open.delete(oldest);
        this.#open.set(oldest, tracked);
        continue;
      }
      this.#forget(this.#open, oldest);
      // It will never be exported here: its parent stops waiting for it.
      this.#releaseFromParent(tracked);
      return;
    }
  }

  #forget(map: Map<string, TrackedSpan>, spanId: string): void {
    const tracked = map.get(spanId);
    map.delete(spanId);
    if (tracked !== undefined && this.#roots.get(tracked.traceId) === spanId) this.#roots.delete(tracked.traceId);
  }
}
