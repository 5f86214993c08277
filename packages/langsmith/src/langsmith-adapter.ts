// The LangSmith backend: every ended span becomes one run, every score one
// feedback record. Spans are recorded when they start, so a run's ancestors
// are known when it is exported even though children end first (see
// span-lineage.ts). Delivery semantics are values: core's queue batches,
// retries and backs off; this adapter maps, makes the HTTP calls and reports
// per item what happened.
import {
  isTraceSampled,
  type AdapterLimits,
  type ExportBatch,
  type ExportResult,
  type Logger,
  type ObservabilityAdapter,
  type ReadonlySpan,
  type Score,
} from "@tracehub/core";
import { LangSmithHttpClient } from "./http-client.js";
import { sendInOrder, toExportResult, type ItemOutcome } from "./item-outcomes.js";
import { toLangSmithFeedback, type LangSmithFeedback } from "./map-feedback.js";
import { toLangSmithRun } from "./map-run.js";
import { encodeRun, type EncodedRun } from "./multipart-body.js";
import type { ResolvedLangSmithOptions } from "./options.js";
import { scrub } from "./response-outcome.js";
import { RunSender } from "./run-sender.js";
import { ServerInfo } from "./server-info.js";
import { SpanLineage } from "./span-lineage.js";

type PublicOptions = Omit<ResolvedLangSmithOptions, "apiKey" | "fetch">;

/**
 * What core's queue hands over at most per export. The adapter itself splits
 * by the server's /info limits (default 100 runs, 24 MiB); the byte bound
 * here stays below that because core's sizes are estimates.
 */
const LIMITS: AdapterLimits = { maxBatchItems: 100, maxBatchBytes: 16 * 1024 * 1024, concurrency: 2 };

export class LangSmithAdapter implements ObservabilityAdapter {
  readonly name = "langsmith";
  readonly limits: AdapterLimits = LIMITS;
  /** The settings in use, without the API key (so logging the adapter cannot leak it). */
  readonly options: Readonly<PublicOptions>;
  readonly #apiKey: string;
  readonly #lineage: SpanLineage;
  readonly #http: LangSmithHttpClient;
  readonly #runs: RunSender;

  constructor(options: ResolvedLangSmithOptions, log?: Logger) {
    const { apiKey, fetch: _fetch, ...shown } = options;
    this.options = shown;
    this.#apiKey = apiKey;
    this.#lineage = new SpanLineage(options.maxTrackedSpans);
    this.#http = new LangSmithHttpClient(options);
    const info = new ServerInfo(() => this.#http.info());
    this.#runs = new RunSender(this.#http, info, options.gzip, log);
  }

  /** Remembers where the span sits, so its descendants can build their dotted_order. */
  onStart(span: ReadonlySpan): void {
    try {
      if (this.#sampled(span.traceId)) this.#lineage.record(span);
    } catch {
      // a live hook never breaks the application
    }
  }

  async export(batch: ExportBatch): Promise<ExportResult> {
    try {
      const spans = batch.spans.filter((span) => this.#sampled(span.traceId));
      // Ancestors exported in the same batch (spans re-sent from the spool) are known to their children.
      for (const span of spans) this.#lineage.admit(span);
      const outcomes: ItemOutcome[] = [];
      const runs = this.#encodeRuns(spans, outcomes);
      outcomes.push(...(await this.#runs.send(runs)));
      outcomes.push(...(await this.#sendFeedback(batch.scores)));
      return toExportResult(outcomes);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { kind: "retry", reason: scrub(`langsmith export failed: ${message}`, [this.#apiKey]) };
    }
  }

  async shutdown(): Promise<void> {
    // Nothing held: every export completes its own requests.
  }

  #encodeRuns(spans: readonly ReadonlySpan[], outcomes: ItemOutcome[]): EncodedRun[] {
    const runs: EncodedRun[] = [];
    for (const span of spans) {
      try {
        const run = toLangSmithRun(span, this.#lineage.resolve(span), this.options);
        runs.push(encodeRun(span.spanId, run));
      } catch (error) {
        const reason = `could not map span "${span.name}" to a LangSmith run: ${error instanceof Error ? error.message : String(error)}`;
        outcomes.push({ ids: [span.spanId], outcome: { kind: "fail", reason } });
      }
    }
    return runs;
  }

  async #sendFeedback(scores: readonly Score[]): Promise<ItemOutcome[]> {
    const outcomes: ItemOutcome[] = [];
    const ready: { id: string; feedback: LangSmithFeedback }[] = [];
    for (const score of scores) {
      if (!this.#sampled(score.traceId)) {
        outcomes.push({ ids: [score.id], outcome: { kind: "ok" } });
        continue;
      }
      const run = this.#lineage.locate(score.traceId, score.spanId);
      if (run === undefined) {
        outcomes.push({ ids: [score.id], outcome: { kind: "fail", reason: unknownRunReason(score) } });
        continue;
      }
      ready.push({ id: score.id, feedback: toLangSmithFeedback(score, run) });
    }
    if (ready.length > 0) {
      outcomes.push(
        ...(await sendInOrder(
          ready,
          (item) => [item.id],
          (item) => this.#http.postFeedback(item.feedback),
        )),
      );
    }
    return outcomes;
  }

  #sampled(traceId: string): boolean {
    return this.options.samplingRate >= 1 || isTraceSampled(traceId, this.options.samplingRate);
  }
}

function unknownRunReason(score: Score): string {
  const target = score.spanId === undefined ? `the root of trace ${score.traceId}` : `span ${score.spanId}`;
  return (
    `score "${score.name}" is for ${target}, which this process has not traced (or no longer remembers): ` +
    "LangSmith feedback needs the run id, which is derived from the span's start time"
  );
}
