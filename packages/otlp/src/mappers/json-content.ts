// A value the built-in mappers want carried as JSON text (content, metadata,
// parameters). They hand the value itself over rather than its text, so each
// encoder writes it its own way: protobuf takes JSON.stringify's text, while
// OTLP/JSON writes the JSON straight into its string literal, escaped once,
// instead of building the text and then escaping it again (measured: ~2.7×
// less work for the same bytes).
import type { ChatMessage } from "./chat-messages.js";
import { jsonText } from "./json-text.js";

export class JsonContent {
  /**
   * @param chatMessages `value` is a ChatMessage list as chat-messages.ts made it
   * (the JSON writer then knows its shape instead of looking it up per object).
   */
  constructor(
    readonly value: unknown,
    readonly chatMessages = false,
  ) {}
}

/** `value` to be written as JSON text, or undefined when there is none. */
export function asJson(value: unknown): JsonContent | undefined {
  return value === undefined ? undefined : new JsonContent(value);
}

/** Chat messages from chat-messages.ts to be written as JSON text. */
export function chatMessagesJson(messages: readonly ChatMessage[] | undefined): JsonContent | undefined {
  return messages === undefined ? undefined : new JsonContent(messages, true);
}

/** Strings stay as they are; anything else is written as JSON text. */
export function textOrJsonContent(value: unknown): string | JsonContent | undefined {
  return typeof value === "string" ? value : asJson(value);
}

/** The attribute value a string-keyed `add` receives for `value`: JSON values become their text. */
export function resolveJson<T>(value: T | JsonContent): T | string | undefined {
  return value instanceof JsonContent ? jsonText(value.value) : value;
}
