// A value the built-in mappers want carried as JSON text (content, metadata,
// parameters). They hand the value itself over rather than its text, so each
// encoder writes it its own way: protobuf takes JSON.stringify's text, while
// OTLP/JSON writes the JSON straight into its string literal, escaped once,
// instead of building the text and then escaping it again (measured: ~2.7×
// less work for the same bytes).
import { jsonText } from "./json-text.js";

export class JsonContent {
  constructor(readonly value: unknown) {}
}

/** `value` to be written as JSON text, or undefined when there is none. */
export function asJson(value: unknown): JsonContent | undefined {
  return value === undefined ? undefined : new JsonContent(value);
}

/** Strings stay as they are; anything else is written as JSON text. */
export function textOrJsonContent(value: unknown): string | JsonContent | undefined {
  return typeof value === "string" ? value : asJson(value);
}

/** The attribute value a string-keyed `add` receives for `value`: JSON values become their text. */
export function resolveJson<T>(value: T | JsonContent): T | string | undefined {
  return value instanceof JsonContent ? jsonText(value.value) : value;
}
