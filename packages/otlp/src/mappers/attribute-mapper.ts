// The contract of an attribute mapper: a function that reads one tracehub span
// and adds OTLP attributes through `add`. Mappers compose: the encoder runs a
// list of them per span, and the first one to add a key wins, so a user's own
// span attributes (mapped first by default) override derived ones.
import type { ReadonlySpan } from "@tracehub/core";

/** A value OTLP can carry as an attribute: a primitive or an array of one primitive type. */
export type OtlpAttributeValue =
  | string
  | number
  | boolean
  | readonly string[]
  | readonly number[]
  | readonly boolean[];

/** Adds one attribute to the span being encoded; `undefined` and `null` are skipped, repeated keys ignored. */
export type AddAttribute = (key: string, value: OtlpAttributeValue | null | undefined) => void;

export type SpanAttributeMapper = (span: ReadonlySpan, add: AddAttribute) => void;

/** The span's own `attributes`, as set by the application or an instrumentation. */
export const spanAttributes: SpanAttributeMapper = (span, add) => {
  const attributes = span.attributes;
  for (const key in attributes) add(key, attributes[key]);
};
