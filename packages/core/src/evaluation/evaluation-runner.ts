// Runs span evaluators after end(): the hub's drain hands each ended span to
// `submit`, which only selects evaluators and queues calls; p-queue runs them
// with a concurrency limit and each call races its timeout. Failures are
// counted and logged (loudly once per evaluator), never thrown, and never
// touch the span's own delivery.
import PQueue from "p-queue";
import type { Logger } from "../adapter.js";
import type { ReadonlySpan } from "../model/span.js";
import type { ScoreInput } from "../hub/build-score.js";
import type { EvaluationResult, EvaluationStats, EvaluatorOutput, SpanEvaluator } from "./span-evaluator.js";

export const EVALUATION_DEFAULTS = { concurrency: 4, timeoutMs: 30_000, maxPending: 1_000 } as const;

export interface EvaluationRunnerSettings {
  evaluators: readonly SpanEvaluator[];
  concurrency?: number | undefined;
  timeoutMs?: number | undefined;
  maxPending?: number | undefined;
  log: Logger;
  /** Records one score; returns false when it was unusable. */
  emit(score: ScoreInput): boolean;
}

const TIMED_OUT = Symbol("timed out");

export class EvaluationRunner {
  private readonly queue: PQueue;
  private readonly evaluators: readonly SpanEvaluator[];
  private readonly timeoutMs: number;
  private readonly maxPending: number;
  private readonly warned = new Set<string>();
  private closed = false;
  private counts = { succeeded: 0, failed: 0, timedOut: 0, skipped: 0, scores: 0 };

  constructor(private readonly settings: EvaluationRunnerSettings) {
    this.evaluators = settings.evaluators;
    this.timeoutMs = settings.timeoutMs ?? EVALUATION_DEFAULTS.timeoutMs;
    this.maxPending = settings.maxPending ?? EVALUATION_DEFAULTS.maxPending;
    this.queue = new PQueue({ concurrency: settings.concurrency ?? EVALUATION_DEFAULTS.concurrency });
  }

  /** Queues every evaluator that applies to `span`. Cheap and synchronous; never throws. */
  submit(span: ReadonlySpan): void {
    for (const evaluator of this.evaluators) {
      if (!this.applies(evaluator, span)) continue;
      if (this.closed || this.queue.size + this.queue.pending >= this.maxPending) {
        this.counts.skipped++;
        continue;
      }
      void this.queue.add(() => this.run(evaluator, span)).catch(() => undefined);
    }
  }

  /** Resolves true once every queued call has settled, false if the deadline came first. */
  async idle(deadlineMs: number): Promise<boolean> {
    if (this.queue.size === 0 && this.queue.pending === 0) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, deadlineMs));
    });
    try {
      return await Promise.race([this.queue.onIdle().then(() => true), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops taking work; calls still waiting are dropped and counted as skipped. */
  close(): void {
    this.closed = true;
    this.counts.skipped += this.queue.size;
    this.queue.clear();
  }

  stats(): EvaluationStats {
    return { ...this.counts, pending: this.queue.size + this.queue.pending };
  }

  private applies(evaluator: SpanEvaluator, span: ReadonlySpan): boolean {
    if (evaluator.kinds !== undefined && !evaluator.kinds.includes(span.kind)) return false;
    if (evaluator.spanNames !== undefined && !evaluator.spanNames.some((n) => nameMatches(n, span.name))) return false;
    if (evaluator.filter === undefined) return true;
    try {
      return evaluator.filter(span) === true;
    } catch (error) {
      this.fail(evaluator, `filter threw: ${describe(error)}`);
      return false;
    }
  }

  private async run(evaluator: SpanEvaluator, span: ReadonlySpan): Promise<void> {
    const controller = new AbortController();
    const timeoutMs = evaluator.timeoutMs ?? this.timeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    try {
      const work = Promise.resolve().then(() => evaluator.evaluate(span, { signal: controller.signal }));
      const output = await Promise.race([work, timeout]);
      if (output === TIMED_OUT) {
        // The call may go on in the background; its result is ignored and its slot freed.
        work.catch(() => undefined);
        controller.abort(new Error(`evaluator "${evaluator.name}" timed out after ${timeoutMs} ms`));
        this.counts.timedOut++;
        this.note(evaluator, `timed out after ${timeoutMs} ms`);
        return;
      }
      if (this.record(evaluator, span, output)) this.counts.succeeded++;
    } catch (error) {
      this.fail(evaluator, `threw: ${describe(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Turns the output into scores; false (and a counted failure) when a result is unusable. */
  private record(evaluator: SpanEvaluator, span: ReadonlySpan, output: EvaluatorOutput): boolean {
    const results = toResults(output);
    if (results === undefined) {
      this.fail(evaluator, "returned something that is not a score value or result");
      return false;
    }
    let ok = true;
    for (const result of results) {
      const score: ScoreInput = {
        traceId: span.traceId,
        spanId: span.spanId,
        name: typeof result.name === "string" && result.name !== "" ? result.name : evaluator.name,
        value: result.value,
        source: "evaluator",
        metadata: { ...result.metadata, evaluator: evaluator.name },
      };
      if (result.dataType !== undefined) score.dataType = result.dataType;
      if (typeof result.comment === "string") score.comment = result.comment;
      if (this.settings.emit(score)) this.counts.scores++;
      else ok = false;
    }
    if (!ok) this.fail(evaluator, "returned a score the hub could not use");
    return ok;
  }

  private fail(evaluator: SpanEvaluator, what: string): void {
    this.counts.failed++;
    this.note(evaluator, what);
  }

  /** The first problem of each evaluator is a warning; repeats are debug notes. */
  private note(evaluator: SpanEvaluator, what: string): void {
    const message = `evaluator "${evaluator.name}" ${what}`;
    if (this.warned.has(evaluator.name)) {
      this.settings.log.debug(message);
    } else {
      this.warned.add(evaluator.name);
      this.settings.log.warn(`${message} (further problems of this evaluator are debug notes; see hub.stats().evaluation)`);
    }
  }
}

function toResults(output: unknown): readonly EvaluationResult[] | undefined {
  if (output === undefined || output === null) return [];
  if (typeof output === "number" || typeof output === "string" || typeof output === "boolean") return [{ value: output }];
  const list = Array.isArray(output) ? output : [output];
  const valid = list.every((r) => typeof r === "object" && r !== null && "value" in r);
  return valid ? (list as EvaluationResult[]) : undefined;
}

function nameMatches(pattern: string | RegExp, name: string): boolean {
  if (typeof pattern === "string") return pattern === name;
  pattern.lastIndex = 0; // a /g or /y pattern keeps state between tests
  return pattern.test(name);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
