// @tracehub/core public surface. Explicit names only: anything not listed here is internal.

// The Span and Score model
export type {
  SpanKind,
  SpanStatus,
  ErrorCategory,
  AttributeValue,
  Attributes,
  SpanError,
  SpanEvent,
  SpanLink,
  Usage,
  Cost,
  PromptRef,
  RateLimit,
  RateLimitWindow,
  TraceContext,
  ReadonlySpan,
  SpanRecord,
} from "./model/span.js";
export { toSpanRecord } from "./model/span-record.js";
export type { Score, ScoreValue, ScoreDataType, ScoreSource } from "./model/score.js";
export {
  spanSchema,
  scoreSchema,
  spanKindSchema,
  spanStatusSchema,
  errorCategorySchema,
  attributesSchema,
  usageSchema,
  costSchema,
  traceContextSchema,
  type SpanData,
  type ScoreData,
} from "./model/span-schema.js";

// Adapter contract
export type {
  ObservabilityAdapter,
  AdapterLimits,
  ExportBatch,
  ExportResult,
  RejectedItem,
  AdapterFactory,
  AdapterFactoryResult,
  AdapterSettings,
  ConfigProblem,
  Logger,
} from "./adapter.js";

// Tracer API
export { Hub, type HubSettings, type HubSpoolSettings, type HubStats, type QueueTuning } from "./hub/hub.js";
export { createHub } from "./hub/create-hub.js";
export { getDefaultHub, setDefaultHub } from "./hub/default-hub.js";
export { traced, observe, type TracedOptions } from "./hub/traced-decorator.js";
export type { ObserveOptions } from "./hub/observe.js";
export type { SpanOptions, TraceOptions } from "./hub/span-options.js";
export { SPAN_KINDS, isSpanKind } from "./hub/span-options.js";
export type { ScoreInput } from "./hub/build-score.js";
export { MASK_FAILED, type MaskFunction, type MaskField } from "./hub/finalize-span.js";
export { isTraceSampled } from "./hub/sampler.js";
export type { SpanHandle } from "./span/span-handle.js";

// Context
export {
  withContext,
  withPromptTemplate,
  currentContext,
  type ContextInput,
} from "./context/scope.js";
export type { ParentRef } from "./context/parent-ref.js";
export { parseTraceparent, extractTraceparent, formatTraceparent } from "./context/traceparent.js";

// Delivery
export { DeliveryQueue, type DeliveryQueueOptions, type AdapterStats } from "./delivery/delivery-queue.js";
export type { SpoolOptions } from "./spool/spool-options.js";
export { parseRetryAfter } from "./delivery/retry-after.js";
export { backoffDelay } from "./delivery/backoff.js";
export { describeFetchError } from "./delivery/describe-fetch-error.js";

// Config
export { ConfigError } from "./config/config-error.js";
export { adapterOptionProblems, type OptionIssue, type OptionDescriptions } from "./config/option-problems.js";
export type { HubOptions } from "./config/hub-options.js";
export { resolveHubConfig, type ResolvedHubConfig } from "./config/resolve-hub-config.js";

// Safe serialisation
export { toSafeValue, DEFAULT_SAFE_VALUE_OPTIONS, type SafeValueOptions, type JsonValue } from "./serialize/safe-value.js";
export { safeStringify } from "./serialize/safe-stringify.js";

// Trace analysis
export { buildTraceTree, buildTraceTrees, type TraceTree, type TraceTreeNode } from "./analysis/trace-tree.js";
export { traceTotals, type TraceTotals, type TraceUsageTotals, type TraceModelTotals } from "./analysis/trace-totals.js";
export { spanSelfTimes, type SpanTiming } from "./analysis/self-time.js";
export {
  parallelGroups,
  traceParallelism,
  type ParallelGroup,
  type TraceParallelism,
} from "./analysis/parallel-groups.js";
export { criticalPath, type CriticalPath, type CriticalPathSegment } from "./analysis/critical-path.js";
export {
  forecastCost,
  type CostForecast,
  type CostForecastOptions,
  type CostDistribution,
  type ModelCostForecast,
  type CostTrend,
} from "./analysis/cost-forecast.js";

// Model pricing and cost
export type { ModelPrice, ModelPriceInput, TokenPrices, PriceTier, PricingOptions } from "./pricing/price-types.js";
export { BUILTIN_MODEL_PRICES } from "./pricing/builtin-prices.js";
export { PriceTable, type PriceTableOptions } from "./pricing/price-table.js";
export { computeCost, pricesForUsage } from "./pricing/compute-cost.js";
export { canonicalModelId, type CanonicalModelId } from "./pricing/model-id.js";
export { modelPriceInputSchema } from "./pricing/pricing-schema.js";

// Span evaluation
export type {
  SpanEvaluator,
  EvaluationResult,
  EvaluatorOutput,
  EvaluatorContext,
  EvaluationOptions,
  EvaluationStats,
} from "./evaluation/span-evaluator.js";
export { builtinEvaluators, BUILTIN_EVALUATOR_KINDS } from "./evaluation/builtin-evaluators.js";

// Utilities
export { newTraceId, newSpanId, newUuid, isValidTraceId, isValidSpanId } from "./util/ids.js";
export { nowMs } from "./util/clock.js";
export { categorizeError, toSpanError } from "./util/error-category.js";

// Adapters that live in core
export { InMemoryAdapter, type InMemoryAdapterOptions } from "./adapters/in-memory-adapter.js";
