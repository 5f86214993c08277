// The contract between the Hub and a backend. Adapter packages write only the
// mapping and one HTTP call; batching, retry, backoff, bounds and stats live in
// core's DeliveryQueue, which the Hub gives every adapter.
import type { ReadonlySpan } from "./model/span.js";
import type { Score } from "./model/score.js";

export interface AdapterLimits {
  /** Most items (spans + scores) per export call. */
  maxBatchItems?: number;
  /** Most estimated bytes per export call. */
  maxBatchBytes?: number;
  /** Export calls in flight at once. */
  concurrency?: number;
}

export interface ExportBatch {
  readonly spans: readonly ReadonlySpan[];
  readonly scores: readonly Score[];
}

export interface RejectedItem {
  /** `spanId` of a span or `id` of a score. */
  id: string;
  retryable: boolean;
  reason: string;
}

export type ExportResult =
  | { kind: "ok" }
  /**
   * Some items were not accepted; unlisted items were. `afterMs`: the server's
   * Retry-After for the retryable ones, so an adapter whose export made several
   * requests need not resend the delivered part just to honour it.
   */
  | { kind: "partial"; rejected: RejectedItem[]; afterMs?: number }
  /** 429, 502-504, network: try again, after `afterMs` if the server said so. */
  | { kind: "retry"; afterMs?: number; reason: string }
  /** 400, 401, 403, 413 …: never retried. */
  | { kind: "fail"; reason: string };

export interface ObservabilityAdapter {
  readonly name: string;
  readonly limits?: AdapterLimits;
  /** Optional: called when a span starts, for live views only. Must be cheap. */
  onStart?(span: ReadonlySpan): void;
  /** Sends ended spans and scores. Never rejects: failures are ExportResult values. */
  export(batch: ExportBatch): Promise<ExportResult>;
  shutdown?(): Promise<void>;
}

/** Settings every adapter factory receives from the hub's config. */
export interface AdapterSettings {
  serviceName: string;
  environment?: string | undefined;
  release?: string | undefined;
  /** Emit debug notes (never secrets). */
  debug: boolean;
  log: Logger;
}

export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

/** A problem found while reading an adapter's settings. */
export interface ConfigProblem {
  /** Where it comes from: an env variable or option path, e.g. "LANGFUSE_SECRET_KEY". */
  source: string;
  /** What is wrong, without the secret value. */
  problem: string;
  /** How to fix it. */
  fix: string;
}

export type AdapterFactoryResult =
  | { ok: true; adapter: ObservabilityAdapter }
  | { ok: false; problems: ConfigProblem[] };

/**
 * What an adapter package exports as `tracehubAdapter` so `createHub` can load it
 * by name at run time: how to tell from the environment that it is wanted, and
 * how to build it (validating its options with its own zod schema).
 */
export interface AdapterFactory {
  /** Exporter name as written in TRACEHUB_EXPORTERS, e.g. "langfuse". */
  readonly name: string;
  /** True when the vendor's own keys are present, e.g. LANGFUSE_PUBLIC_KEY. */
  detect(env: Readonly<Record<string, string | undefined>>): boolean;
  create(
    env: Readonly<Record<string, string | undefined>>,
    options: unknown,
    settings: AdapterSettings,
  ): AdapterFactoryResult | Promise<AdapterFactoryResult>;
}
