// What OTLP accepts as an attribute: a non-empty key and a primitive or an
// array of one primitive type. Span attributes are checked by core when they
// are set, but event and link attributes, and values mappers derive from
// other span fields, can be anything an application passed; one bad value
// must cost that attribute, never the request (a collector rejects it whole).
import type { OtlpAttributeValue } from "../mappers/attribute-mapper.js";
import type { AttributeEntries } from "./request-emitter.js";

/** `value` when OTLP can carry it as an attribute value, else undefined. Never throws. */
export function attributeValue(value: unknown): OtlpAttributeValue | undefined {
  // Each test spelled out as `typeof value === …`: optimised code turns those into type checks,
  // while a typeof result kept in a variable costs a call to build the type's name.
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  try {
    if (!Array.isArray(value)) return undefined;
    const first = typeof value[0];
    if (value.length > 0 && first !== "string" && first !== "number" && first !== "boolean") return undefined;
    for (let i = 1; i < value.length; i++) if (typeof value[i] !== first) return undefined;
    return value as OtlpAttributeValue;
  } catch {
    return undefined; // a revoked Proxy
  }
}

/** The entries of `attributes` OTLP can carry, or undefined when none. Never throws. */
export function attributeEntries(attributes: unknown): AttributeEntries | undefined {
  if (attributes === null || typeof attributes !== "object") return undefined;
  // No prototype: an own "__proto__" key stays a plain key.
  let out: Record<string, OtlpAttributeValue> | undefined;
  try {
    for (const key in attributes) {
      if (key === "") continue;
      const value = attributeValue((attributes as Record<string, unknown>)[key]);
      if (value === undefined) continue;
      out ??= Object.create(null) as Record<string, OtlpAttributeValue>;
      out[key] = value;
    }
  } catch {
    // a throwing getter or Proxy: keep what was read
  }
  return out;
}

/** True when a number array holds a value that is not a safe integer: then all its items are written as doubles. */
export function hasNonInteger(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number" && !Number.isSafeInteger(v)) return true;
  }
  return false;
}
