// Spans and scores of traces whose root has not ended yet, held until it does.
// Bounded by traces and by spans; the oldest trace (first seen) leaves first.
import type { ReadonlySpan, Score } from "@tracehub/core";

export interface PendingTrace {
  readonly traceId: string;
  spans: ReadonlySpan[];
  scores: Score[];
}

export class PendingTraces {
  // Map order is first-seen order, which makes "oldest first" free.
  readonly #traces = new Map<string, PendingTrace>();
  #spanCount = 0;

  get traceCount(): number {
    return this.#traces.size;
  }

  get spanCount(): number {
    return this.#spanCount;
  }

  get(traceId: string): PendingTrace | undefined {
    return this.#traces.get(traceId);
  }

  addSpan(span: ReadonlySpan): void {
    this.#entry(span.traceId).spans.push(span);
    this.#spanCount += 1;
  }

  addScore(score: Score): void {
    this.#entry(score.traceId).scores.push(score);
  }

  /** Takes spans matching `pick` out of a pending trace (dropping the trace once empty). */
  takeSpans(traceId: string, pick: (span: ReadonlySpan) => boolean): ReadonlySpan[] {
    const entry = this.#traces.get(traceId);
    if (entry === undefined) return [];
    const taken = entry.spans.filter(pick);
    if (taken.length === 0) return taken;
    entry.spans = entry.spans.filter((s) => !pick(s));
    this.#spanCount -= taken.length;
    if (entry.spans.length === 0 && entry.scores.length === 0) this.#traces.delete(traceId);
    return taken;
  }

  /** Takes scores matching `pick` out of a pending trace (dropping the trace once empty). */
  takeScores(traceId: string, pick: (score: Score) => boolean): Score[] {
    const entry = this.#traces.get(traceId);
    if (entry === undefined) return [];
    const taken = entry.scores.filter(pick);
    entry.scores = entry.scores.filter((s) => !pick(s));
    if (entry.spans.length === 0 && entry.scores.length === 0) this.#traces.delete(traceId);
    return taken;
  }

  /** Removes and returns a whole pending trace. */
  take(traceId: string): PendingTrace | undefined {
    const entry = this.#traces.get(traceId);
    if (entry === undefined) return undefined;
    this.#traces.delete(traceId);
    this.#spanCount -= entry.spans.length;
    return entry;
  }

  /** Removes and returns the trace seen first, if any. */
  takeOldest(): PendingTrace | undefined {
    const first = this.#traces.keys().next();
    return first.done === true ? undefined : this.take(first.value);
  }

  #entry(traceId: string): PendingTrace {
    let entry = this.#traces.get(traceId);
    if (entry === undefined) {
      entry = { traceId, spans: [], scores: [] };
      this.#traces.set(traceId, entry);
    }
    return entry;
  }
}
