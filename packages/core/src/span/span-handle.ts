// The public face of a live span: what `trace`, `span`, `startSpan` and
// `observe` hand to user code. Every method is safe to call with any value,
// after end, or on a span that was sampled out; none throws.
import type {
  AttributeValue,
  Attributes,
  Cost,
  ErrorCategory,
  PromptRef,
  RateLimit,
  SpanLink,
  SpanStatus,
  Usage,
} from "../model/span.js";

export interface SpanHandle {
  readonly traceId: string;
  readonly spanId: string;
  /** False when the trace was sampled out: calls are accepted and ignored. */
  readonly isRecording: boolean;
  readonly ended: boolean;

  setAttribute(key: string, value: AttributeValue | undefined): this;
  setAttributes(attributes: Attributes): this;
  setInput(input: unknown): this;
  setOutput(output: unknown): this;
  updateName(name: string): this;
  setModel(model: string, options?: { provider?: string; parameters?: Record<string, unknown> }): this;
  setProvider(provider: string): this;
  setModelParameters(parameters: Record<string, unknown>): this;
  /** Merges token counts; `input` includes cached tokens, `output` includes reasoning tokens. */
  setUsage(usage: Usage): this;
  /** Overrides the cost computed from usage (USD). */
  setCost(cost: Cost): this;
  setPrompt(prompt: PromptRef): this;
  addEvent(name: string, attributes?: Attributes, time?: number | Date): this;
  addLink(link: SpanLink): this;
  /** Records an error (status error) with its category, derived from the error when not given. */
  recordError(error: unknown, category?: ErrorCategory): this;
  setStatus(status: SpanStatus, message?: string): this;
  setRetryCount(count: number): this;
  setTimeoutMs(timeoutMs: number): this;
  setRateLimit(rateLimit: RateLimit): this;
  /** Marks the first streamed token (completion start time). */
  markFirstToken(time?: number | Date): this;
  /** The W3C `traceparent` for outgoing requests. */
  traceparent(): string;
  /** Ends the span; a second call is ignored. */
  end(endTime?: number | Date): void;
}
