// Attribute keys the built-in mappers name as module constants. The encoder
// keeps one entry per key (its encoded bytes, whether the span has it yet);
// finding that entry for a string means hashing it and probing a Map on every
// attribute, while a FixedKey carries its own slot index. The public mapper
// contract (AddAttribute) stays string-keyed: each built-in mapper is exported
// as a string-keyed function, and the encoder looks up its keyed form.
import type { ReadonlySpan } from "@tracehub/core";
import type { OtlpAttributeValue, SpanAttributeMapper } from "./attribute-mapper.js";
import { resolveJson, type JsonContent } from "./json-content.js";

let count = 0;

export class FixedKey {
  /** Slot of this key in each encoder's table; keys are few and made once, so slots stay dense. */
  readonly index = count++;

  constructor(readonly name: string) {}
}

/** A FixedKey for each name of `names`. */
export function fixedKeys<const T extends Record<string, string>>(names: T): { readonly [K in keyof T]: FixedKey } {
  // A copy of the literal, its values then replaced: the object keeps the literal's fast
  // shape. Adding a few dozen properties to `{}` one by one would turn it into a
  // dictionary, and optimised code cannot inline reads from a dictionary.
  const keys = { ...names } as Record<keyof T, unknown>;
  for (const field in keys) keys[field] = new FixedKey(names[field] as string);
  return keys as { readonly [K in keyof T]: FixedKey };
}

/** The add function the encoder gives keyed mappers: a string key (any name) or a FixedKey, and a value or a JsonContent. */
export type KeyedAdd = (key: string | FixedKey, value: OtlpAttributeValue | JsonContent | null | undefined) => void;

export type KeyedMapper = (span: ReadonlySpan, add: KeyedAdd) => void;

const keyedForms = new WeakMap<SpanAttributeMapper, KeyedMapper>();

/** The public, string-keyed form of `keyed`; the encoder runs `keyed` itself (see {@link keyedForm}). */
export function withFixedKeys(keyed: KeyedMapper): SpanAttributeMapper {
  const mapper: SpanAttributeMapper = (span, add) =>
    keyed(span, (key, value) => add(typeof key === "string" ? key : key.name, resolveJson(value)));
  keyedForms.set(mapper, keyed);
  return mapper;
}

/** What the encoder runs for `mapper`: its keyed form when it has one (any string-keyed mapper is a valid KeyedMapper). */
export function keyedForm(mapper: SpanAttributeMapper): KeyedMapper {
  return keyedForms.get(mapper) ?? mapper;
}
