// Resolves DeliveryQueueOptions against the adapter's declared limits and the
// defaults. Bad numbers (NaN, zero, negative) fall back to the default instead
// of throwing: the queue is built on the tracing path, which never throws.
import type { AdapterLimits, Logger, ObservabilityAdapter } from "../adapter.js";
import type { ReadonlySpan } from "../model/span.js";
import type { Score } from "../model/score.js";
import { estimateScoreBytes, estimateSpanBytes } from "./estimate-bytes.js";
import type { QueueItem } from "./queue-item.js";
import type { SpoolOptions } from "../spool/spool-options.js";

const MiB = 1024 * 1024;

export interface DeliveryQueueOptions {
  adapter: ObservabilityAdapter;
  /** Most items per export call; default `adapter.limits.maxBatchItems` or 512. */
  maxBatchItems?: number;
  /** Most estimated bytes per export call; default `adapter.limits.maxBatchBytes` or 4 MiB. An item larger than this goes alone. */
  maxBatchBytes?: number;
  /** Export calls in flight at once; default `adapter.limits.concurrency` or 2. */
  concurrency?: number;
  /** A partial batch is sent once its oldest item has waited this long; default 1000. */
  flushIntervalMs?: number;
  /** Memory bound by count, items waiting for retry and in flight included; default 10 000. */
  maxQueueItems?: number;
  /** Memory bound by estimated bytes, checked off the hot path; default 64 MiB. */
  maxQueueBytes?: number;
  /** Export attempts per item before it is dropped; default 10. */
  maxAttempts?: number;
  /** Backoff ceiling of the first retry; default 500. */
  initialBackoffMs?: number;
  /** Backoff ceiling of any retry; default 30 000. */
  maxBackoffMs?: number;
  /** An export() not settled by then is read as "retry" and frees its slot; default 30 000. */
  exportTimeoutMs?: number;
  /** Estimated serialised size of a record; default a cheap sampled walk. */
  estimateBytes?: (record: ReadonlySpan | Score) => number;
  /** Values replaced by "***" in `lastError` and log lines. */
  secrets?: readonly string[];
  log?: Logger;
  /** Uniform source in [0, 1) for backoff jitter; tests pass a fixed one. */
  random?: () => number;
  /**
   * Disk spool: overflow past the memory bound, periodic copies of items held
   * past their due time, and leftovers at shutdown go here and are re-sent at
   * the next start. None when left out (items past the bound are dropped).
   */
  spool?: SpoolOptions | undefined;
}

export const DELIVERY_QUEUE_DEFAULTS = {
  maxBatchItems: 512,
  maxBatchBytes: 4 * MiB,
  concurrency: 2,
  flushIntervalMs: 1000,
  maxQueueItems: 10_000,
  maxQueueBytes: 64 * MiB,
  maxAttempts: 10,
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
  exportTimeoutMs: 30_000,
} as const;

export interface QueueSettings {
  maxBatchItems: number;
  maxBatchBytes: number;
  concurrency: number;
  flushIntervalMs: number;
  maxQueueItems: number;
  maxQueueBytes: number;
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  exportTimeoutMs: number;
  /** Estimated bytes of an item; never throws, always a finite number ≥ 0. */
  estimate: (item: QueueItem) => number;
  secrets: readonly string[];
  log: Logger | undefined;
  random: () => number;
}

export function resolveQueueSettings(options: DeliveryQueueOptions): QueueSettings {
  const limits = readLimits(options);
  const d = DELIVERY_QUEUE_DEFAULTS;
  return {
    maxBatchItems: positiveInt(options.maxBatchItems ?? limits.maxBatchItems, d.maxBatchItems),
    maxBatchBytes: positiveInt(options.maxBatchBytes ?? limits.maxBatchBytes, d.maxBatchBytes),
    concurrency: positiveInt(options.concurrency ?? limits.concurrency, d.concurrency),
    flushIntervalMs: nonNegative(options.flushIntervalMs, d.flushIntervalMs),
    maxQueueItems: positiveInt(options.maxQueueItems, d.maxQueueItems),
    maxQueueBytes: positiveInt(options.maxQueueBytes, d.maxQueueBytes),
    maxAttempts: positiveInt(options.maxAttempts, d.maxAttempts),
    initialBackoffMs: nonNegative(options.initialBackoffMs, d.initialBackoffMs),
    maxBackoffMs: nonNegative(options.maxBackoffMs, d.maxBackoffMs),
    exportTimeoutMs: positiveInt(options.exportTimeoutMs, d.exportTimeoutMs),
    estimate: guardEstimate(options.estimateBytes),
    secrets: Array.isArray(options.secrets)
      ? options.secrets.filter((s): s is string => typeof s === "string" && s.length > 0)
      : [],
    log: options.log,
    random: typeof options.random === "function" ? options.random : Math.random,
  };
}

function readLimits(options: DeliveryQueueOptions): AdapterLimits {
  try {
    return options.adapter.limits ?? {};
  } catch {
    return {};
  }
}

function defaultEstimate(item: QueueItem): number {
  return item.kind === "span" ? estimateSpanBytes(item.span) : estimateScoreBytes(item.score);
}

function guardEstimate(custom: DeliveryQueueOptions["estimateBytes"]): (item: QueueItem) => number {
  return (item) => {
    try {
      if (custom !== undefined) {
        const bytes = custom(item.kind === "span" ? item.span : item.score);
        if (Number.isFinite(bytes) && bytes >= 0) return bytes;
      }
      return defaultEstimate(item);
    } catch {
      return 1024; // a record the estimator cannot read: assume a small one rather than drop it
    }
  };
}

function positiveInt(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
}
