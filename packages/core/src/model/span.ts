// The Span model: one record per unit of work, shaped so that every backend's
// format is a pure mapping of it. These are plain TypeScript types used on the
// hot path; `span-schema.ts` holds the zod schemas used at boundaries and in tests.

/** What a span is; mapped per backend (Langfuse observation type, LangSmith run_type, OpenInference kind). */
export type SpanKind =
  | "span"
  | "llm"
  | "embedding"
  | "retriever"
  | "reranker"
  | "tool"
  | "agent"
  | "chain"
  | "guardrail"
  | "evaluator"
  | "event";

export type SpanStatus = "unset" | "ok" | "error";

export type ErrorCategory =
  | "rate_limit"
  | "timeout"
  | "auth"
  | "bad_request"
  | "not_found"
  | "content_filter"
  | "server"
  | "network"
  | "cancelled"
  | "unknown";

export type AttributeValue = string | number | boolean | string[] | number[] | boolean[];
/** Flat map of attribute name to primitive or primitive array (OpenTelemetry rules). */
export type Attributes = Record<string, AttributeValue>;

export interface SpanError {
  /** Class name of the thrown value, e.g. "RateLimitError". */
  type: string;
  message: string;
  stack?: string;
  category: ErrorCategory;
}

export interface SpanEvent {
  name: string;
  /** Epoch milliseconds with sub-millisecond fraction. */
  time: number;
  attributes?: Attributes;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes?: Attributes;
}

/**
 * Token usage. `input` counts every prompt token, cached ones included
 * (OpenAI and GenAI-convention semantics); `cacheRead`/`cacheWrite` say how
 * many of those were cache reads/writes. `output` includes `reasoning`.
 * Mappers and cost code rely on this so cached tokens are never counted twice.
 */
export interface Usage {
  input?: number;
  output?: number;
  total?: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  [detail: string]: number | undefined;
}

/** Cost in USD. */
export interface Cost {
  input?: number;
  output?: number;
  total?: number;
  [detail: string]: number | undefined;
}

export interface PromptRef {
  name?: string;
  version?: number | string;
  template?: string | unknown[];
  variables?: Record<string, unknown>;
}

export interface RateLimitWindow {
  limit?: number;
  remaining?: number;
  /** Epoch milliseconds at which the window resets. */
  resetAt?: number;
}

export interface RateLimit {
  requests?: RateLimitWindow;
  tokens?: RateLimitWindow;
  [window: string]: RateLimitWindow | undefined;
}

/** Context propagated from the enclosing scope to every span created inside it. */
export interface TraceContext {
  /** Name of the trace: the root span's name. */
  traceName?: string;
  userId?: string;
  sessionId?: string;
  tags?: string[];
  metadata?: Record<string, unknown>;
  release?: string;
  environment?: string;
  version?: string;
  serviceName?: string;
}

/** An ended span as adapters receive it. Adapters must not mutate it. */
export interface ReadonlySpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string | undefined;
  /** True when the parent lives in another process (traceparent or an OpenTelemetry span): this span is a local root. */
  readonly parentIsRemote?: boolean | undefined;
  readonly links: readonly SpanLink[];
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTime: number;
  /** 0 while the span is live (onStart); set at end(). */
  readonly endTime: number;
  readonly completionStartTime?: number | undefined;
  readonly status: SpanStatus;
  readonly statusMessage?: string | undefined;
  readonly error?: SpanError | undefined;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly attributes: Readonly<Attributes>;
  readonly events: readonly SpanEvent[];
  readonly model?: string | undefined;
  readonly provider?: string | undefined;
  readonly modelParameters?: Readonly<Record<string, unknown>> | undefined;
  readonly usage?: Readonly<Usage> | undefined;
  readonly cost?: Readonly<Cost> | undefined;
  readonly prompt?: Readonly<PromptRef> | undefined;
  readonly retryCount?: number | undefined;
  readonly timeoutMs?: number | undefined;
  readonly rateLimit?: Readonly<RateLimit> | undefined;
  readonly context: Readonly<TraceContext>;
}

/** A span as data: what tests build by hand and what JSON-lines exports carry. */
export type SpanRecord = {
  -readonly [K in keyof ReadonlySpan]: ReadonlySpan[K];
};
