// Checks for caller-supplied values on the span API: everything a span stores
// must fit the Span model (see model/span-schema.ts), and reading the caller's
// objects must never throw out of tracing (throwing getters, Proxies).
import type { AttributeValue, Attributes, ErrorCategory, PromptRef, SpanLink } from "../model/span.js";
import { isValidSpanId, isValidTraceId } from "../util/ids.js";
import { errorCategorySchema } from "../model/span-schema.js";

function isPrimitiveAttribute(value: unknown, type: string): boolean {
  return type === "string" || type === "boolean" || (type === "number" && Number.isFinite(value as number));
}

/** A primitive or a homogeneous array of primitives; numbers must be finite (OTLP and JSON have no NaN). */
export function isAttributeValue(value: unknown): value is AttributeValue {
  const type = typeof value;
  if (type !== "object") return isPrimitiveAttribute(value, type);
  let isArray: boolean;
  try {
    isArray = Array.isArray(value); // throws on a revoked Proxy
  } catch {
    return false;
  }
  if (!isArray) return false;
  const array = value as unknown[];
  const first = typeof array[0];
  for (const item of array) if (typeof item !== first || !isPrimitiveAttribute(item, first)) return false;
  return true;
}

/** An array or a typed array: a list, whose indices must never become record keys ("0", "1"…). May throw on a revoked Proxy. */
export function isList(value: object): boolean {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}

/** The valid attributes of a caller's object, copied; undefined when there are none or reading it throws. */
export function cleanAttributes(attributes: unknown): Attributes | undefined {
  if (attributes === null || typeof attributes !== "object") return undefined;
  const clean: Attributes = {};
  let any = false;
  try {
    if (isList(attributes)) return undefined;
    for (const key in attributes) {
      const value = (attributes as Record<string, unknown>)[key];
      if (key !== "" && isAttributeValue(value)) {
        clean[key] = Array.isArray(value) ? ([...value] as AttributeValue) : value;
        any = true;
      }
    }
  } catch {
    // keep what was read before the hostile getter
  }
  return any ? clean : undefined;
}

/** A link with valid W3C ids, copied; undefined otherwise. */
export function cleanLink(link: unknown): SpanLink | undefined {
  if (link === null || typeof link !== "object") return undefined;
  try {
    const { traceId, spanId, attributes } = link as SpanLink;
    if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return undefined;
    const clean: SpanLink = { traceId, spanId };
    const cleanAttrs = cleanAttributes(attributes);
    if (cleanAttrs !== undefined) clean.attributes = cleanAttrs;
    return clean;
  } catch {
    return undefined;
  }
}

/** Own enumerable entries of a caller's plain object, copied; undefined for non-objects, lists or when reading throws. */
export function copyRecord(value: unknown): Record<string, unknown> | undefined {
  if (value === null || typeof value !== "object") return undefined;
  try {
    if (isList(value)) return undefined;
    return { ...(value as Record<string, unknown>) };
  } catch {
    return undefined;
  }
}

/** Finite, non-negative numbers of a caller's counter object (usage, cost), copied. */
export function cleanNumbers(value: unknown, allowNegative: boolean): Record<string, number> | undefined {
  const record = copyRecord(value);
  if (record === undefined) return undefined;
  // The spread copy is kept and its few bad entries deleted: adding the good ones to a
  // new object key by key costs about three times as much (setUsage is on the hot path).
  for (const key in record) {
    const n = record[key];
    if (!(typeof n === "number" && Number.isFinite(n) && (allowNegative || n >= 0))) delete record[key];
  }
  return record as Record<string, number>;
}

/** A prompt template: a string, or a copy of a caller's array of messages; undefined otherwise or when reading throws. */
export function cleanTemplate(template: unknown): PromptRef["template"] | undefined {
  if (typeof template === "string") return template;
  try {
    return Array.isArray(template) ? [...(template as unknown[])] : undefined; // both throw on a revoked or hostile Proxy
  } catch {
    return undefined;
  }
}

// The categories are defined once, by the model's zod enum.
const CATEGORIES = new Set<string>(errorCategorySchema.options);

export function isErrorCategory(value: unknown): value is ErrorCategory {
  return typeof value === "string" && CATEGORIES.has(value);
}
