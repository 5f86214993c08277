// JSON text of the safe value. The walker already guarantees a plain, acyclic,
// size-capped tree, so one JSON.stringify is all that is left to do.

import { type SafeValueOptions, toSafeValue } from "./safe-value.js";

/** JSON text of `toSafeValue(value, options)`; always valid JSON within `maxFieldBytes`. Never throws. */
export function safeStringify(value: unknown, options?: SafeValueOptions): string {
  try {
    return JSON.stringify(toSafeValue(value, options));
  } catch {
    // Unreachable for a JsonValue tree; kept because the contract is "never throws".
    return "null";
  }
}
