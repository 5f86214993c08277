// Options accepted when a span or trace starts.
import type { Attributes, PromptRef, SpanKind, SpanLink } from "../model/span.js";
import { spanKindSchema } from "../model/span-schema.js";
import type { ContextInput } from "../context/scope.js";
import type { ParentRef } from "../context/parent-ref.js";
import type { SpanHandle } from "../span/span-handle.js";

export interface SpanOptions extends ContextInput {
  kind?: SpanKind;
  input?: unknown;
  attributes?: Attributes;
  model?: string;
  provider?: string;
  modelParameters?: Record<string, unknown>;
  prompt?: PromptRef;
  links?: SpanLink[];
  /** Epoch ms or Date; defaults to now. */
  startTime?: number | Date;
  /**
   * Explicit parent: a span handle, a remote reference, or a W3C `traceparent`
   * string. Defaults to the current span (or the active OpenTelemetry span).
   */
  parent?: SpanHandle | ParentRef | string;
}

/** Options of `trace()`: a new trace, whose name becomes the trace name. */
export type TraceOptions = SpanOptions;

// The kinds are defined once, by the model's zod enum.
export const SPAN_KINDS: readonly SpanKind[] = Object.freeze([...spanKindSchema.options]);

const KIND_SET = new Set<string>(SPAN_KINDS);

// Spans mostly come in runs of one kind: the last kind seen is checked by identity before the set.
let lastKind: SpanKind = "span";

export function isSpanKind(value: unknown): value is SpanKind {
  if (value === lastKind) return true;
  if (typeof value !== "string" || !KIND_SET.has(value)) return false;
  lastKind = value as SpanKind;
  return true;
}
