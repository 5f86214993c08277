// The mutable span behind a SpanHandle, and at the same time the record adapters
// receive after end(): one object, no copy. Fields start in a fixed order so V8
// keeps a single hidden class; events, links and usage stay shared empties until used.
import type {
  AttributeValue,
  Attributes,
  Cost,
  ErrorCategory,
  PromptRef,
  RateLimit,
  ReadonlySpan,
  SpanError,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanStatus,
  TraceContext,
  Usage,
} from "../model/span.js";
import { toEpochMs } from "../util/clock.js";
import { toSpanError } from "../util/error-category.js";
import { formatTraceparent } from "../context/traceparent.js";
import type { SpanHandle } from "./span-handle.js";
import { EMPTY_ATTRIBUTES_BYTES, estimateAttributeBytes, type TracksAttributeBytes } from "../delivery/estimate-bytes.js";
import { cleanAttributes, cleanLink, cleanNumbers, cleanTemplate, copyRecord, isAttributeValue, isErrorCategory } from "./sanitize.js";

/** Where a span reports its start and end: the Hub. */
export interface SpanSink {
  onSpanStart(span: LiveSpan): void;
  onSpanEnd(span: LiveSpan): void;
}

const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);
const NO_LINKS: readonly SpanLink[] = Object.freeze([]);
/**
 * Attribute writes the running size sum is trusted for. It counts a rewritten
 * key twice, so past this many writes (a counter updated per stream chunk,
 * say) sizing walks the attributes instead.
 */
const MAX_SIZED_WRITES = 64;

// Attribute objects come from a constructor, not a `{}` literal: V8 sizes a
// constructor's objects for the properties its instances end up with (slack
// tracking), so a span's dozen attributes are stored in the object itself
// instead of a backing store that grows and is copied as keys are added. The
// prototype is Object.prototype, as for a literal.
const AttributeBag = function AttributeBag() {} as unknown as new () => Attributes;
AttributeBag.prototype = Object.prototype;

export class LiveSpan implements SpanHandle, ReadonlySpan, TracksAttributeBytes {
  parentSpanId: string | undefined;
  parentIsRemote: boolean | undefined;
  links: readonly SpanLink[] = NO_LINKS;
  endTime = 0;
  completionStartTime: number | undefined = undefined;
  status: SpanStatus = "unset";
  statusMessage: string | undefined = undefined;
  error: SpanError | undefined = undefined;
  input: unknown = undefined;
  output: unknown = undefined;
  attributes: Attributes = new AttributeBag();
  events: readonly SpanEvent[] = NO_EVENTS;
  model: string | undefined = undefined;
  provider: string | undefined = undefined;
  modelParameters: Record<string, unknown> | undefined = undefined;
  usage: Usage | undefined = undefined;
  cost: Cost | undefined = undefined;
  prompt: PromptRef | undefined = undefined;
  retryCount: number | undefined = undefined;
  timeoutMs: number | undefined = undefined;
  rateLimit: RateLimit | undefined = undefined;
  ended = false;
  // A #private field: never enumerated, so spreading or serialising a span can't reach the hub.
  readonly #sink: SpanSink;
  /** Running estimate of the attributes' serialised size (see TracksAttributeBytes) and how many writes it sums. */
  #attributeBytes = EMPTY_ATTRIBUTES_BYTES;
  #attributeWrites = 0;

  constructor(
    sink: SpanSink,
    readonly traceId: string,
    readonly spanId: string,
    parentSpanId: string | undefined,
    parentIsRemote: boolean,
    public name: string,
    readonly kind: SpanKind,
    readonly startTime: number,
    public context: TraceContext,
    /** False when sampled out: the span propagates ids but records and exports nothing. */
    readonly sampled: boolean,
  ) {
    this.#sink = sink;
    this.parentSpanId = parentSpanId;
    this.parentIsRemote = parentIsRemote || undefined;
  }

  get attributeBytes(): number {
    return this.#attributeWrites <= MAX_SIZED_WRITES ? this.#attributeBytes : -1;
  }

  get isRecording(): boolean {
    return this.sampled && !this.ended;
  }

  setAttribute(key: string, value: AttributeValue | undefined): this {
    if (!this.sampled || this.ended || typeof key !== "string") return this;
    // Fast path for the common case, a finite number (the same check isAttributeValue makes).
    if (typeof value === "number") {
      if (Number.isFinite(value)) {
        this.attributes[key] = value;
        this.#attributeBytes += estimateAttributeBytes(key, value);
        this.#attributeWrites++;
      }
    } else if (value === undefined) delete this.attributes[key]; // the estimate stays an upper bound
    else if (isAttributeValue(value)) this.#storeAttribute(key, value);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    if (!this.sampled || this.ended) return this;
    const clean = cleanAttributes(attributes);
    if (clean === undefined) return this;
    for (const key in clean) this.#storeAttribute(key, clean[key] as AttributeValue);
    return this;
  }

  #storeAttribute(key: string, value: AttributeValue): void {
    this.attributes[key] = value;
    this.#attributeBytes += estimateAttributeBytes(key, value);
    this.#attributeWrites++;
  }

  setInput(input: unknown): this {
    if (this.sampled && !this.ended) this.input = input;
    return this;
  }

  setOutput(output: unknown): this {
    if (this.sampled && !this.ended) this.output = output;
    return this;
  }

  updateName(name: string): this {
    if (this.sampled && !this.ended && typeof name === "string" && name !== "") this.name = name;
    return this;
  }

  setModel(model: string, options?: { provider?: string; parameters?: Record<string, unknown> }): this {
    if (!this.sampled || this.ended) return this;
    if (typeof model === "string") this.model = model;
    const opts = copyRecord(options);
    if (opts?.provider !== undefined) this.setProvider(opts.provider as string);
    if (opts?.parameters !== undefined) this.setModelParameters(opts.parameters as Record<string, unknown>);
    return this;
  }

  setProvider(provider: string): this {
    if (this.sampled && !this.ended && typeof provider === "string") this.provider = provider;
    return this;
  }

  setModelParameters(parameters: Record<string, unknown>): this {
    if (!this.sampled || this.ended) return this;
    const clean = copyRecord(parameters);
    if (clean !== undefined) this.modelParameters = { ...this.modelParameters, ...clean };
    return this;
  }

  setUsage(usage: Usage): this {
    if (!this.sampled || this.ended) return this;
    const clean: Usage | undefined = cleanNumbers(usage, false);
    if (clean !== undefined) this.usage = this.usage === undefined ? clean : Object.assign(this.usage, clean);
    return this;
  }

  setCost(cost: Cost): this {
    if (!this.sampled || this.ended) return this;
    const clean: Cost | undefined = cleanNumbers(cost, true);
    if (clean !== undefined) this.cost = clean;
    return this;
  }

  setPrompt(prompt: PromptRef): this {
    if (!this.sampled || this.ended) return this;
    const given = copyRecord(prompt);
    if (given === undefined) return this;
    const clean: PromptRef = { ...this.prompt };
    if (typeof given.name === "string") clean.name = given.name;
    if (typeof given.version === "string" || (typeof given.version === "number" && Number.isFinite(given.version))) clean.version = given.version;
    const template = cleanTemplate(given.template);
    if (template !== undefined) clean.template = template;
    const variables = copyRecord(given.variables);
    if (variables !== undefined) clean.variables = variables;
    this.prompt = clean;
    return this;
  }

  addEvent(name: string, attributes?: Attributes, time?: number | Date): this {
    if (!this.sampled || this.ended || typeof name !== "string") return this;
    const event: SpanEvent = { name, time: toEpochMs(time) };
    const clean = cleanAttributes(attributes);
    if (clean !== undefined) event.attributes = clean;
    this.events = this.events === NO_EVENTS ? [event] : [...this.events, event];
    return this;
  }

  addLink(link: SpanLink): this {
    if (!this.sampled || this.ended) return this;
    const clean = cleanLink(link);
    if (clean !== undefined) this.links = this.links === NO_LINKS ? [clean] : [...this.links, clean];
    return this;
  }

  recordError(error: unknown, category?: ErrorCategory): this {
    if (!this.sampled || this.ended) return this;
    this.error = toSpanError(error, isErrorCategory(category) ? category : undefined);
    this.status = "error";
    this.statusMessage = this.error.message;
    return this;
  }

  setStatus(status: SpanStatus, message?: string): this {
    if (!this.sampled || this.ended) return this;
    if (status === "ok" || status === "error" || status === "unset") this.status = status;
    if (typeof message === "string") this.statusMessage = message;
    return this;
  }

  setRetryCount(count: number): this {
    if (this.sampled && !this.ended && Number.isSafeInteger(count) && count >= 0) this.retryCount = count;
    return this;
  }

  setTimeoutMs(timeoutMs: number): this {
    if (this.sampled && !this.ended && typeof timeoutMs === "number" && Number.isFinite(timeoutMs) && timeoutMs >= 0) {
      this.timeoutMs = timeoutMs;
    }
    return this;
  }

  setRateLimit(rateLimit: RateLimit): this {
    if (!this.sampled || this.ended) return this;
    const windows = copyRecord(rateLimit);
    if (windows === undefined) return this;
    const clean: RateLimit = { ...this.rateLimit };
    for (const name in windows) {
      const window = cleanNumbers(windows[name], false);
      if (window === undefined) continue;
      const { limit, remaining, resetAt } = window;
      clean[name] = {
        ...(limit !== undefined ? { limit } : {}),
        ...(remaining !== undefined ? { remaining } : {}),
        ...(resetAt !== undefined ? { resetAt } : {}),
      };
    }
    this.rateLimit = clean;
    return this;
  }

  markFirstToken(time?: number | Date): this {
    if (this.sampled && !this.ended && this.completionStartTime === undefined) {
      this.completionStartTime = toEpochMs(time);
    }
    return this;
  }

  traceparent(): string {
    return formatTraceparent({ traceId: this.traceId, spanId: this.spanId, sampled: this.sampled });
  }

  end(endTime?: number | Date): void {
    if (this.ended) return;
    this.ended = true;
    const end = toEpochMs(endTime);
    // A caller-supplied end before the start would give a negative duration.
    this.endTime = end < this.startTime ? this.startTime : end;
    if (this.sampled) this.#sink.onSpanEnd(this);
  }
}
