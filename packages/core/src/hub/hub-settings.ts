// What a Hub is built with and what it reports: its settings (produced by
// resolveHubConfig from options and env) and its stats.
import type { ObservabilityAdapter, Logger } from "../adapter.js";
import type { AdapterStats } from "../delivery/delivery-queue.js";
import type { EvaluationOptions, EvaluationStats, SpanEvaluator } from "../evaluation/span-evaluator.js";
import type { FinalizeSettings } from "./finalize-span.js";

/** The disk spool of a Hub's delivery queues. */
export interface HubSpoolSettings {
  /** Root directory; each adapter spools into `<dir>/<adapter name>`. */
  dir: string;
  /** Disk cap per adapter. */
  maxBytes: number;
  /** Items held this long past their due time are copied to disk. */
  intervalMs: number;
  /** The adapters whose queues spool (by default those built from exporter names). */
  adapters: readonly ObservabilityAdapter[];
}

export interface QueueTuning {
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  exportTimeoutMs?: number;
}

/** What a Hub runs with; `resolveHubConfig` produces it from options and env. */
export interface HubSettings extends FinalizeSettings {
  sampleRate: number;
  adapters: ObservabilityAdapter[];
  flushIntervalMs: number;
  maxQueueItems: number;
  maxQueueBytes: number;
  queue: QueueTuning;
  secrets: string[];
  log: Logger;
  /** Run after each span ends, off the hot path; none when left out. */
  evaluators?: readonly SpanEvaluator[] | undefined;
  evaluation?: EvaluationOptions | undefined;
  /** Disk spool; none when left out. */
  spool?: HubSpoolSettings | undefined;
}

export interface HubStats {
  adapters: AdapterStats[];
  /** Spans and scores dropped before any adapter could take them (hub unconfigured, disabled or shut down). */
  droppedBeforeDelivery: number;
  /** Span evaluators: runs, failures, timeouts and scores (all zero when none are configured). */
  evaluation: EvaluationStats;
}

export const NO_EVALUATION: EvaluationStats = Object.freeze({ succeeded: 0, failed: 0, timedOut: 0, skipped: 0, scores: 0, pending: 0 });
