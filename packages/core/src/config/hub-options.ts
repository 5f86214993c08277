// What `createHub(options?)` accepts. Every field is optional: a hub configured
// only from the environment is the normal case. Precedence is code (these
// options), then the environment, then defaults.
import type { AdapterFactory, Logger, ObservabilityAdapter } from "../adapter.js";
import type { MaskFunction } from "../hub/finalize-span.js";
import type { SpanKind } from "../model/span.js";
import type { PricingOptions } from "../pricing/price-types.js";
import type { EvaluationOptions, SpanEvaluator } from "../evaluation/span-evaluator.js";

/** Retry and timeout settings of every adapter's delivery queue (defaults live in the queue). */
export interface QueueRetrySettings {
  /** Sends of one batch before its items are dropped, first try included. */
  maxAttempts: number;
  /** First backoff before full jitter; doubles per attempt. */
  initialBackoffMs: number;
  /** Cap of the backoff, and of a server's `Retry-After`. */
  maxBackoffMs: number;
  /** One export call longer than this counts as a retryable failure. */
  exportTimeoutMs: number;
}

export interface HubOptions {
  /** Environment to read; defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Exporter names; overrides TRACEHUB_EXPORTERS. `[]` or `["none"]` enables none. */
  exporters?: string[];
  /**
   * Adapter instances used in addition to the exporters resolved from the
   * environment or `exporters`. They do not switch auto-detection off.
   */
  adapters?: ObservabilityAdapter[];
  /** Options per exporter name, passed to that factory's `create`. */
  adapterOptions?: Record<string, unknown>;
  /** Factories supplied in code (tests, bundlers); they win over loading `@tracehub/<name>`. */
  adapterFactories?: Record<string, AdapterFactory>;
  /** Directory adapter packages are resolved from; defaults to `process.cwd()`. */
  cwd?: string;

  serviceName?: string;
  environment?: string;
  release?: string;
  /** Fraction of traces kept, 0 to 1. */
  sampleRate?: number;
  hideInputs?: boolean;
  hideOutputs?: boolean;
  /** Redacts input, output and metadata before export; a mask that throws hides the field. */
  mask?: MaskFunction;
  /** Largest serialised input, output or metadata field; longer ones are truncated. */
  maxFieldBytes?: number;
  flushIntervalMs?: number;
  /** Most spans and scores waiting per adapter. */
  maxQueueItems?: number;
  /** Most estimated bytes waiting per adapter. */
  maxQueueBytes?: number;
  /** Where undeliverable spans are written at shutdown and re-sent at the next start. */
  spoolDir?: string;
  /**
   * The disk spool: `true` for every adapter, `false` for none. Left out (and
   * TRACEHUB_SPOOL unset), adapters built from exporter names spool and the
   * instances passed in `adapters` do not. Overrides TRACEHUB_SPOOL.
   */
  spool?: boolean;
  /** Disk cap of the spool per adapter; default 256 MiB. Overrides TRACEHUB_SPOOL_MAX_BYTES. */
  spoolMaxBytes?: number;
  /**
   * Items not delivered this long after they were due to be sent are copied to
   * the spool, so a crash loses at most this interval; default 1000. Overrides
   * TRACEHUB_SPOOL_INTERVAL_MS.
   */
  spoolIntervalMs?: number;
  debug?: boolean;
  log?: Logger;
  /** Flush on process exit signals; default true. */
  registerShutdownHooks?: boolean;
  queue?: Partial<QueueRetrySettings>;
  /**
   * Model prices that win over the built-in table (and a file of them). A span
   * with usage and a known model gets its cost at end(), unless it set one.
   */
  pricing?: PricingOptions;
  /** Span evaluators run after end(), off the hot path; their results are scores with source "evaluator". */
  evaluators?: SpanEvaluator[];
  /**
   * Built-in evaluators (latency, tokens/s, cost per 1K tokens, relevance…):
   * true for every kind, or a list of kinds. Default false (they add scores to
   * every matching span in every backend). Overrides TRACEHUB_BUILTIN_EVALUATORS.
   */
  builtinEvaluators?: boolean | SpanKind[];
  /** Concurrency, timeout and backlog of the evaluators. */
  evaluation?: EvaluationOptions;
}
