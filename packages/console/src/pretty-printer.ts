// Decides when each record of the pretty view is printed: a trace when its
// root ends, late spans and scores when their trace was printed already, and
// pending traces as orphans when memory bounds are hit or at shutdown.
// Returns text instead of writing it, so the adapter owns all I/O.
import { buildTraceTree } from "@tracehub/core";
import type { ExportBatch, ReadonlySpan, Score } from "@tracehub/core";
import { PendingTraces, type PendingTrace } from "./pending-traces.js";
import { PrintedTraces } from "./printed-traces.js";
import { renderLateScore, renderLateSpans } from "./render-late.js";
import { mainRoot, renderTraceTree, traceDisplayName } from "./render-trace-tree.js";

export interface PrettyPrinterOptions {
  color: boolean;
  maxPendingTraces: number;
  maxPendingSpans: number;
  /** How many printed traces to remember for labelling late records. */
  rememberedTraces: number;
}

export class PrettyPrinter {
  readonly #pending = new PendingTraces();
  readonly #printed: PrintedTraces;

  constructor(private readonly options: PrettyPrinterOptions) {
    this.#printed = new PrintedTraces(options.rememberedTraces);
  }

  /** Takes in a batch; returns the text that is now ready to print (may be ""). */
  ingest(batch: ExportBatch, now: number): string {
    let out = "";
    const touched = new Set<string>();
    for (const span of batch.spans) {
      this.#pending.addSpan(span);
      touched.add(span.traceId);
    }
    for (const score of batch.scores) {
      if (this.#isLateScore(score)) {
        out += renderLateScore(score, this.#printed.get(score.traceId), this.#renderOptions(now));
      } else {
        this.#pending.addScore(score);
        touched.add(score.traceId);
      }
    }
    for (const traceId of touched) out += this.#settle(traceId, now);
    return out + this.#enforceBounds(now);
  }

  /** Everything still pending, oldest first: traces without a root print as orphans. */
  drain(now: number): string {
    let out = "";
    for (let entry = this.#pending.takeOldest(); entry !== undefined; entry = this.#pending.takeOldest()) {
      out += this.#printEntry(entry, now);
    }
    return out;
  }

  /** A score waits with its trace unless that trace was printed and the score cannot belong to a pending part. */
  #isLateScore(score: Score): boolean {
    const printed = this.#printed.get(score.traceId);
    if (printed === undefined) return false;
    if (score.spanId === undefined || printed.spanNames.has(score.spanId)) return true;
    return this.#pending.get(score.traceId) === undefined;
  }

  /** Prints what a trace's new records made ready: late spans, then the tree once a root is there. */
  #settle(traceId: string, now: number): string {
    let out = "";
    const printed = this.#printed.get(traceId);
    if (printed !== undefined) {
      const late = this.#takeLateSpans(traceId, printed.spanNames);
      if (late.length > 0) {
        const lateIds = new Set(late.map((s) => s.spanId));
        const lateScores = this.#pending.takeScores(traceId, (s) => s.spanId !== undefined && lateIds.has(s.spanId));
        out += renderLateSpans(late, lateScores, printed, this.#renderOptions(now));
        this.#printed.remember(traceId, printed.name, late);
      }
    }
    const entry = this.#pending.get(traceId);
    if (entry !== undefined && entry.spans.some(isLocalRoot)) {
      this.#pending.take(traceId);
      out += this.#printEntry(entry, now);
    }
    return out;
  }

  /** Pending spans that hang, directly or through each other, under spans printed before. */
  #takeLateSpans(traceId: string, printedIds: ReadonlyMap<string, string>): ReadonlySpan[] {
    const entry = this.#pending.get(traceId);
    if (entry === undefined) return [];
    const childrenOf = new Map<string, ReadonlySpan[]>();
    const queue: ReadonlySpan[] = [];
    for (const span of entry.spans) {
      const parent = span.parentSpanId;
      if (isLocalRoot(span) || parent === undefined) continue;
      if (printedIds.has(parent)) queue.push(span);
      else {
        const siblings = childrenOf.get(parent);
        if (siblings === undefined) childrenOf.set(parent, [span]);
        else siblings.push(span);
      }
    }
    const attached = new Set<string>();
    for (let span = queue.pop(); span !== undefined; span = queue.pop()) {
      if (attached.has(span.spanId)) continue; // guards against parent cycles in bad input
      attached.add(span.spanId);
      queue.push(...(childrenOf.get(span.spanId) ?? []));
    }
    return this.#pending.takeSpans(traceId, (s) => attached.has(s.spanId));
  }

  #enforceBounds(now: number): string {
    let out = "";
    const { maxPendingTraces, maxPendingSpans } = this.options;
    while (this.#pending.traceCount > maxPendingTraces || this.#pending.spanCount > maxPendingSpans) {
      const oldest = this.#pending.takeOldest();
      if (oldest === undefined) break;
      out += this.#printEntry(oldest, now);
    }
    return out;
  }

  /** Prints a pending trace as a tree (orphans flagged), or its scores alone when it has no spans. */
  #printEntry(entry: PendingTrace, now: number): string {
    const options = this.#renderOptions(now);
    if (entry.spans.length === 0) {
      const printed = this.#printed.get(entry.traceId);
      return entry.scores.map((score) => renderLateScore(score, printed, options)).join("");
    }
    const name = traceDisplayName(mainRoot(buildTraceTree(entry.spans))?.span);
    this.#printed.remember(entry.traceId, name, entry.spans);
    return renderTraceTree(entry.spans, entry.scores, options);
  }

  #renderOptions(now: number): { color: boolean; now: number } {
    return { color: this.options.color, now };
  }
}

/** A span that starts a local tree: it has no parent here. Its arrival means the trace has ended. */
function isLocalRoot(span: ReadonlySpan): boolean {
  return span.parentSpanId === undefined || span.parentSpanId === "" || span.parentIsRemote === true;
}
