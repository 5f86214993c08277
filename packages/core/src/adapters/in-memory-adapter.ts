// Keeps every exported span and score in memory: for the project's and users'
// tests, and for inspecting a trace in-process. Can be scripted to answer with
// any ExportResult to exercise delivery paths.
import type { ExportBatch, ExportResult, ObservabilityAdapter, AdapterLimits } from "../adapter.js";
import type { ReadonlySpan } from "../model/span.js";
import type { Score } from "../model/score.js";

export interface InMemoryAdapterOptions {
  name?: string;
  limits?: AdapterLimits;
  /** Keep at most this many spans (oldest dropped first); unbounded by default. */
  maxSpans?: number;
}

export class InMemoryAdapter implements ObservabilityAdapter {
  readonly name: string;
  readonly limits?: AdapterLimits;
  readonly spans: ReadonlySpan[] = [];
  readonly scores: Score[] = [];
  readonly batches: ExportBatch[] = [];
  private readonly maxSpans: number;
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(options: InMemoryAdapterOptions = {}) {
    this.name = options.name ?? "memory";
    if (options.limits !== undefined) this.limits = options.limits;
    this.maxSpans = options.maxSpans ?? Number.POSITIVE_INFINITY;
  }

  async export(batch: ExportBatch): Promise<ExportResult> {
    this.batches.push(batch);
    for (const span of batch.spans) this.spans.push(span);
    for (const score of batch.scores) this.scores.push(score);
    if (this.spans.length > this.maxSpans) this.spans.splice(0, this.spans.length - this.maxSpans);
    if (this.batches.length > 1_000) this.batches.splice(0, this.batches.length - 1_000);
    this.waiters = this.waiters.filter((waiter) => {
      if (this.spans.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
    return { kind: "ok" };
  }

  /** Spans of one trace. */
  trace(traceId: string): ReadonlySpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  /** The first span with this name. */
  find(name: string): ReadonlySpan | undefined {
    return this.spans.find((span) => span.name === name);
  }

  /** Resolves once at least `count` spans have arrived. */
  waitForSpans(count: number): Promise<void> {
    if (this.spans.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  clear(): void {
    this.spans.length = 0;
    this.scores.length = 0;
    this.batches.length = 0;
  }
}
