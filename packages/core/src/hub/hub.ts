// The Hub: the tracer API users call, and the fan-out that hands every ended span
// and score to each adapter's own DeliveryQueue. The hot path (start, set, end)
// only allocates the span and pushes it on a list; finalisation and fan-out run
// in a drain scheduled off that path.
import type { ObservabilityAdapter, Logger } from "../adapter.js";
import { NO_EVALUATION, type HubSettings, type HubStats } from "./hub-settings.js";
import type { ReadonlySpan } from "../model/span.js";
import type { Score } from "../model/score.js";
import { DeliveryQueue } from "../delivery/delivery-queue.js";
import { LiveSpan, type SpanSink } from "../span/live-span.js";
import { NOOP_HANDLE } from "../span/noop-handle.js";
import type { SpanHandle } from "../span/span-handle.js";
import { currentScope, scopeStorage, withContext, type ContextInput } from "../context/scope.js";
import { SpanFinalizer } from "./finalize-span.js";
import { runInSpan } from "./run-in-span.js";
import { startDetachedSpan, startLiveSpan } from "./start-span.js";
import type { SpanOptions, TraceOptions } from "./span-options.js";
import { buildScore, type ScoreInput } from "./build-score.js";
import { observeFunction, type ObserveOptions } from "./observe.js";
import { installShutdownHooks, type Flushable } from "./shutdown-hooks.js";
import { EvaluationRunner } from "../evaluation/evaluation-runner.js";
import { spoolDirName } from "../spool/spool-options.js";
import path from "node:path";

export type { HubSettings, HubSpoolSettings, HubStats, QueueTuning } from "./hub-settings.js";

/** Ended spans and scores kept while the hub is not configured yet (the lazy default hub). */
const MAX_PENDING_BEFORE_CONFIGURE = 10_000;
const DEFAULT_FLUSH_DEADLINE_MS = 5_000;

export class Hub implements SpanSink, Flushable {
  private queues: DeliveryQueue[] = [];
  private startListeners: ObservabilityAdapter[] = [];
  private finalizer: SpanFinalizer | undefined;
  private evaluation: EvaluationRunner | undefined;
  private pending: (LiveSpan | Score)[] = [];
  private drainScheduled = false;
  private state: "unconfigured" | "running" | "disabled" | "shut down" = "unconfigured";
  private droppedBeforeDelivery = 0;
  private removeProcessHooks: (() => void) | undefined;
  /** Spans and scores accepted so far (see Flushable). */
  acceptedCount = 0;
  /** 1 until configured: spans started before configuration are kept and decided by their trace id later. */
  sampleRate = 1;
  log: Logger = { debug() {}, warn() {} };

  constructor(settings?: HubSettings) {
    if (settings !== undefined) this.configure(settings);
  }

  /** Attaches adapters and settings; spans ended before this are delivered now. */
  configure(settings: HubSettings): void {
    if (this.state !== "unconfigured") return;
    this.sampleRate = settings.sampleRate;
    this.log = settings.log;
    this.finalizer = new SpanFinalizer(settings);
    const spool = settings.spool;
    this.queues = settings.adapters.map(
      (adapter) =>
        new DeliveryQueue({
          adapter,
          flushIntervalMs: settings.flushIntervalMs,
          maxQueueItems: settings.maxQueueItems,
          maxQueueBytes: settings.maxQueueBytes,
          secrets: settings.secrets,
          log: settings.log,
          ...settings.queue,
          spool:
            spool !== undefined && spool.adapters.includes(adapter)
              ? { dir: path.join(spool.dir, spoolDirName(adapter.name)), maxBytes: spool.maxBytes, intervalMs: spool.intervalMs }
              : undefined,
        }),
    );
    this.startListeners = settings.adapters.filter((adapter) => typeof adapter.onStart === "function");
    if (settings.evaluators !== undefined && settings.evaluators.length > 0) {
      this.evaluation = new EvaluationRunner({
        evaluators: settings.evaluators,
        ...settings.evaluation,
        log: settings.log,
        emit: (score) => this.score(score) !== undefined,
      });
    }
    this.state = "running";
    this.scheduleDrain();
  }

  /** Flush on beforeExit, SIGTERM and SIGINT (see shutdown-hooks.ts); removed again by shutdown(). */
  installProcessHooks(): void {
    this.removeProcessHooks ??= installShutdownHooks(this);
  }

  /** Stops accepting spans for good (e.g. the default hub's configuration failed). */
  disable(): void {
    this.state = "disabled";
    this.droppedBeforeDelivery += this.pending.length;
    this.pending = [];
  }

  get adapterNames(): string[] {
    return this.queues.map((queue) => queue.stats().adapter);
  }

  // ---- tracer API -------------------------------------------------------

  /** Runs `fn` in a new trace whose root span is named `name`. */
  trace<T>(name: string, fn: (span: SpanHandle) => T): T;
  trace<T>(name: string, options: TraceOptions, fn: (span: SpanHandle) => T): T;
  trace<T>(name: string, a: TraceOptions | ((span: SpanHandle) => T), b?: (span: SpanHandle) => T): T {
    return this.runSpan(name, a, b, true);
  }

  /** Runs `fn` in a child span of the current span (or a new trace when there is none). */
  span<T>(name: string, fn: (span: SpanHandle) => T): T;
  span<T>(name: string, options: SpanOptions, fn: (span: SpanHandle) => T): T;
  span<T>(name: string, a: SpanOptions | ((span: SpanHandle) => T), b?: (span: SpanHandle) => T): T {
    return this.runSpan(name, a, b, false);
  }

  /** Starts a span by hand (streams, callbacks); the caller ends it. Does not change the current scope. */
  startSpan(name: string, options?: SpanOptions): SpanHandle {
    return this.startGuarded(name, options, false);
  }

  /** Starts a new trace's root span by hand. */
  startTrace(name: string, options?: TraceOptions): SpanHandle {
    return this.startGuarded(name, options, true);
  }

  /** Hostile options (a throwing Proxy, say) get a non-recording span, never an exception. */
  private startGuarded(name: string, options: SpanOptions | undefined, root: boolean): SpanHandle {
    try {
      return startDetachedSpan(this, name, options ?? undefined, root);
    } catch (error) {
      this.log.warn(`could not start span: ${String(error)}`);
      return NOOP_HANDLE;
    }
  }

  /** Runs `fn` with `span` as the current span, so spans created inside become its children. */
  withSpan<T>(span: SpanHandle, fn: () => T): T {
    if (!(span instanceof LiveSpan)) return fn();
    const scope = currentScope();
    return scopeStorage.run({ ...scope, span }, fn);
  }

  /** Wraps a function so every call is traced as a span. */
  observe<F extends (...args: never[]) => unknown>(fn: F, options?: ObserveOptions): F {
    return observeFunction(() => this, fn, options);
  }

  withContext<T>(context: ContextInput, fn: () => T): T {
    return withContext(context, fn);
  }

  /** The current span, if any. */
  currentSpan(): SpanHandle | undefined {
    const span = currentScope().span;
    return span instanceof LiveSpan ? span : undefined;
  }

  /** Records a score for a trace or span; returns it, or undefined when the input was unusable. */
  score(input: ScoreInput): Score | undefined {
    const score = buildScore(input, this.log);
    if (score !== undefined) this.accept(score);
    return score;
  }

  /** Scores the current span. */
  scoreCurrentSpan(input: Omit<ScoreInput, "traceId" | "spanId">): Score | undefined {
    const span = currentScope().span;
    if (span === undefined) return undefined;
    return this.score({ ...input, traceId: span.traceId, spanId: span.spanId });
  }

  /** Scores the current trace. */
  scoreCurrentTrace(input: Omit<ScoreInput, "traceId" | "spanId">): Score | undefined {
    const span = currentScope().span;
    if (span === undefined) return undefined;
    return this.score({ ...input, traceId: span.traceId });
  }

  // ---- delivery ---------------------------------------------------------

  /**
   * Sends everything ended so far; resolves true when all of it was delivered
   * or settled by the deadline. Evaluator scores still being computed are
   * waited for (to the same deadline) while the spans are already being sent.
   */
  async flush(deadlineMs = DEFAULT_FLUSH_DEADLINE_MS): Promise<boolean> {
    try {
      const deadlineAt = Date.now() + deadlineMs;
      this.drain();
      const spansSent = Promise.all(this.queues.map((queue) => queue.flush(deadlineMs)));
      let evaluated = true;
      let scoresSent = true;
      if (this.evaluation !== undefined) {
        evaluated = await this.evaluation.idle(deadlineMs);
        this.drain();
        const left = Math.max(0, deadlineAt - Date.now());
        scoresSent = (await Promise.all(this.queues.map((queue) => queue.flush(left)))).every(Boolean);
      }
      const results = await spansSent;
      return results.every(Boolean) && evaluated && scoresSent && this.pending.length === 0;
    } catch (error) {
      this.log.warn(`flush failed: ${String(error)}`);
      return false;
    }
  }

  /** Flushes, then shuts every adapter down. Spans ended afterwards are dropped and counted. */
  async shutdown(deadlineMs = DEFAULT_FLUSH_DEADLINE_MS): Promise<void> {
    if (this.state === "shut down") return;
    this.removeProcessHooks?.();
    try {
      const deadlineAt = Date.now() + deadlineMs;
      this.drain();
      if (this.evaluation !== undefined) {
        // Spans go out while the last evaluations finish; their scores follow in the final flush.
        const spansSent = Promise.all(this.queues.map((queue) => queue.flush(deadlineMs)));
        await this.evaluation.idle(deadlineMs);
        this.drain();
        this.evaluation.close();
        void spansSent.catch(() => undefined);
      }
      this.state = "shut down";
      const left = Math.max(0, deadlineAt - Date.now());
      await Promise.all(this.queues.map((queue) => queue.shutdown(left)));
    } catch (error) {
      this.log.warn(`shutdown failed: ${String(error)}`);
    }
  }

  /**
   * For process exit (synchronous): hands what is still pending to the queues
   * and writes everything undelivered to the spool. The hub is shut down after.
   */
  spoolOnExit(): void {
    if (this.state === "shut down") return;
    try {
      this.drain();
      this.state = "shut down";
      for (const queue of this.queues) queue.spoolAndClose();
    } catch {
      // the process is ending: nothing more to do
    }
  }

  stats(): HubStats {
    return {
      adapters: this.queues.map((queue) => queue.stats()),
      droppedBeforeDelivery: this.droppedBeforeDelivery,
      evaluation: this.evaluation?.stats() ?? { ...NO_EVALUATION },
    };
  }

  // ---- SpanSink ----------------------------------------------------------

  onSpanStart(span: LiveSpan): void {
    for (const adapter of this.startListeners) {
      try {
        adapter.onStart?.(span);
      } catch {
        // a live view must never break the application
      }
    }
  }

  onSpanEnd(span: LiveSpan): void {
    this.accept(span);
  }

  // ---- internals ---------------------------------------------------------

  private runSpan<T>(
    name: string,
    a: SpanOptions | ((span: SpanHandle) => T),
    b: ((span: SpanHandle) => T) | undefined,
    root: boolean,
  ): T {
    // (name, fn) or (name, options, fn); a function given as options is still options.
    const fn = typeof b === "function" ? b : typeof a === "function" ? a : undefined;
    const options = typeof b === "function" && typeof a !== "function" ? a : undefined;
    if (typeof fn !== "function") return undefined as T; // nothing to run; never throw
    let started: ReturnType<typeof startLiveSpan>;
    try {
      started = startLiveSpan(this, name, options, root);
    } catch (error) {
      this.log.warn(`could not start span: ${String(error)}`);
      return fn(NOOP_HANDLE);
    }
    const { span, scope } = started;
    return runInSpan(span, (inner) => scopeStorage.run(scope, inner), fn);
  }

  private accept(item: LiveSpan | Score): void {
    this.acceptedCount++;
    if (this.state === "running" || this.state === "unconfigured") {
      if (this.state === "unconfigured" && this.pending.length >= MAX_PENDING_BEFORE_CONFIGURE) {
        this.droppedBeforeDelivery++;
        return;
      }
      this.pending.push(item);
      this.scheduleDrain();
    } else {
      this.droppedBeforeDelivery++;
    }
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.state !== "running" || this.pending.length === 0) return;
    this.drainScheduled = true;
    setImmediate(() => this.drain());
  }

  /** Finalises pending spans once and hands them to every queue. */
  private drain(): void {
    this.drainScheduled = false;
    if (this.state !== "running" || this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    const finalizer = this.finalizer as SpanFinalizer;
    // Sized up front (then trimmed): no growth copies.
    const spans = new Array<ReadonlySpan>(items.length);
    let spanCount = 0;
    const scores: Score[] = [];
    for (const item of items) {
      if (!(item instanceof LiveSpan)) {
        scores.push(item);
        continue;
      }
      try {
        finalizer.finalize(item);
        spans[spanCount++] = item;
        this.evaluation?.submit(item);
      } catch (error) {
        this.droppedBeforeDelivery++;
        this.log.warn(`dropped a span that could not be finalised: ${String(error)}`);
      }
    }
    // Each queue takes the whole drain at once: one capacity check and one timer per queue, not per span.
    spans.length = spanCount;
    for (const queue of this.queues) queue.enqueueAll(spans, scores);
  }
}
