// Runs once per ended span, off the hot path (in the hub's drain), before any
// adapter sees it: redaction, the user's mask (failing closed), safe JSON values
// for input/output/metadata, the hub-wide context defaults, and the cost from
// usage and the model's price (unless the caller set a cost).
import type { PromptRef, TraceContext } from "../model/span.js";
import type { LiveSpan } from "../span/live-span.js";
import type { PriceTable } from "../pricing/price-table.js";
import { toSafeValue } from "../serialize/safe-value.js";

export type MaskField = "input" | "output" | "metadata";
export type MaskFunction = (value: unknown, field: MaskField) => unknown;

export interface FinalizeSettings {
  hideInputs: boolean;
  hideOutputs: boolean;
  mask?: MaskFunction | undefined;
  maxFieldBytes: number;
  serviceName: string;
  environment?: string | undefined;
  release?: string | undefined;
  /** Prices spans that carry a model and usage but no cost; none when left out. */
  pricing?: PriceTable | undefined;
}

/** What a field becomes when the user's mask throws: nothing of the original leaks. */
export const MASK_FAILED = "[REDACTED: mask failed]";

function masked(value: unknown, field: MaskField, mask: MaskFunction | undefined): unknown {
  if (mask === undefined || value === undefined) return value;
  try {
    return mask(value, field);
  } catch {
    return MASK_FAILED;
  }
}

export class SpanFinalizer {
  // Spans of one scope share a context object and usually drain together: finalise it
  // once for a run of them. (A WeakMap cache cost more in GC than it saved.)
  private lastContextIn: TraceContext | undefined;
  private lastContextOut: TraceContext | undefined;

  constructor(private readonly settings: FinalizeSettings) {}

  finalize(span: LiveSpan): void {
    const { settings } = this;
    // Most spans carry no input or output: then there is nothing to mask or make safe.
    if (span.input !== undefined || span.output !== undefined) {
      const limits = { maxFieldBytes: settings.maxFieldBytes };
      const input = settings.hideInputs ? undefined : masked(span.input, "input", settings.mask);
      const output = settings.hideOutputs ? undefined : masked(span.output, "output", settings.mask);
      span.input = input === undefined ? undefined : toSafeValue(input, limits);
      span.output = output === undefined ? undefined : toSafeValue(output, limits);
    }
    if (span.prompt !== undefined) this.finalizePrompt(span);
    this.capAttributes(span);
    span.context = this.finalizeContext(span.context);
    // Adapters only ever see the span after this: computing the cost here is "at end()" for every backend.
    if (span.cost === undefined && span.usage !== undefined && settings.pricing !== undefined) {
      const cost = settings.pricing.costOf(span.model, span.provider, span.usage);
      if (cost !== undefined) span.cost = cost;
    }
  }

  /** A prompt's template and variables are the application's values: made JSON-safe like the payloads. */
  private finalizePrompt(span: LiveSpan): void {
    const prompt = span.prompt as PromptRef;
    if (prompt.template === undefined && prompt.variables === undefined) return;
    const limits = { maxFieldBytes: this.settings.maxFieldBytes };
    const clean: PromptRef = {};
    if (prompt.name !== undefined) clean.name = prompt.name;
    if (prompt.version !== undefined) clean.version = prompt.version;
    const template = prompt.template === undefined ? undefined : toSafeValue(prompt.template, limits);
    if (typeof template === "string" || Array.isArray(template)) clean.template = template;
    const variables = prompt.variables === undefined ? undefined : toSafeValue(prompt.variables, limits);
    if (variables !== null && typeof variables === "object" && !Array.isArray(variables)) {
      clean.variables = variables as Record<string, unknown>;
    }
    span.prompt = clean;
  }

  private capAttributes(span: LiveSpan): void {
    const max = this.settings.maxFieldBytes;
    // Attributes are only written through setAttribute(s), which sum their sizes: when the whole
    // sum is under the cap, no single string can be over it (usually there is nothing to cap).
    const bytes = span.attributeBytes;
    if (bytes >= 0 && bytes * 3 <= max) return;
    for (const key in span.attributes) {
      const value = span.attributes[key];
      // UTF-8 is at most 3 bytes per UTF-16 unit, so length * 3 bounds the byte size cheaply.
      if (typeof value === "string" && value.length * 3 > max) {
        const capped = toSafeValue(value, { maxFieldBytes: max, maxStringLength: Number.POSITIVE_INFINITY });
        if (typeof capped === "string") span.attributes[key] = capped;
        else delete span.attributes[key];
      }
    }
  }

  private finalizeContext(context: TraceContext): TraceContext {
    if (context === this.lastContextIn || context === this.lastContextOut) return this.lastContextOut as TraceContext;
    const { settings } = this;
    // Built field by field in one fixed order, not as a spread copy that then gains
    // fields: V8 gives each such copy a map (shape) of its own, so every adapter
    // reading contexts would go megamorphic (measured: 500 shapes in 512 spans).
    const result: TraceContext = {};
    if (context.traceName !== undefined) result.traceName = context.traceName;
    if (context.userId !== undefined) result.userId = context.userId;
    if (context.sessionId !== undefined) result.sessionId = context.sessionId;
    if (context.tags !== undefined) result.tags = context.tags;
    if (context.metadata !== undefined) {
      const metadata = toSafeValue(masked(context.metadata, "metadata", settings.mask), {
        maxFieldBytes: settings.maxFieldBytes,
      });
      if (metadata !== null && typeof metadata === "object" && !Array.isArray(metadata)) {
        result.metadata = metadata as Record<string, unknown>;
      }
    }
    const release = context.release ?? settings.release;
    if (release !== undefined) result.release = release;
    const environment = context.environment ?? settings.environment;
    if (environment !== undefined) result.environment = environment;
    if (context.version !== undefined) result.version = context.version;
    result.serviceName = context.serviceName ?? settings.serviceName;
    this.lastContextIn = context;
    this.lastContextOut = result;
    return result;
  }
}
