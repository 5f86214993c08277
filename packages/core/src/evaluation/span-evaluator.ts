// What a span evaluator is: user code (or a built-in) that looks at an ended
// span and returns judgements, which become Scores with source "evaluator".
// Evaluators run after end(), off the hot path, with a concurrency limit and
// a timeout (see evaluation-runner.ts).
import type { ReadonlySpan, SpanKind } from "../model/span.js";
import type { ScoreDataType, ScoreValue } from "../model/score.js";

/** One judgement; `name` defaults to the evaluator's name. */
export interface EvaluationResult {
  name?: string;
  value: ScoreValue;
  dataType?: ScoreDataType;
  comment?: string;
  metadata?: Record<string, unknown>;
}

/** What `evaluate` may return: results, a bare value (named after the evaluator), or nothing. */
export type EvaluatorOutput = EvaluationResult | readonly EvaluationResult[] | ScoreValue | null | undefined | void;

export interface EvaluatorContext {
  /** Aborted when the evaluator's timeout passes: hand it to fetch or the LLM client of a judge. */
  signal: AbortSignal;
}

export interface SpanEvaluator {
  /** Names the scores it returns (unless a result names itself) and its errors. */
  name: string;
  /** Only spans of these kinds; all kinds when left out. */
  kinds?: readonly SpanKind[];
  /** Only spans with one of these names (exact text or a RegExp); all names when left out. */
  spanNames?: readonly (string | RegExp)[];
  /** Any further selection; runs in the hub's drain, so keep it cheap. A throw counts as a failure. */
  filter?(span: ReadonlySpan): boolean;
  /** Overrides the hub-wide evaluation timeout for this evaluator. */
  timeoutMs?: number;
  /**
   * Judges one ended span (already redacted and with its cost computed). Sync
   * or async; may call an LLM as a judge. Must not modify the span. A throw,
   * a rejection or a timeout is counted in HubStats, never lost spans.
   */
  evaluate(span: ReadonlySpan, context: EvaluatorContext): EvaluatorOutput | Promise<EvaluatorOutput>;
}

/** `evaluation` in HubOptions. */
export interface EvaluationOptions {
  /** Evaluator calls running at once; default 4. */
  concurrency?: number;
  /** Longest an evaluator may take before it counts as timed out; default 30 000 ms. */
  timeoutMs?: number;
  /** Evaluator calls waiting to run; past this new ones are skipped and counted; default 1 000. */
  maxPending?: number;
}

/** Evaluation counters, part of HubStats. */
export interface EvaluationStats {
  /** Evaluator calls that returned (with or without results). */
  succeeded: number;
  /** Evaluator calls (or filters) that threw, rejected or returned an unusable score. */
  failed: number;
  /** Evaluator calls that passed their timeout; also aborted through the signal. */
  timedOut: number;
  /** Evaluator calls not run: the backlog was full or the hub was shutting down. */
  skipped: number;
  /** Scores produced. */
  scores: number;
  /** Evaluator calls waiting or running now. */
  pending: number;
}
