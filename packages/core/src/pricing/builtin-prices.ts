// The price table shipped with core: every vendor's entries in one list. The
// patterns are mutually exclusive (a test checks every entry against every
// other entry's examples), so the order only matters for user entries, which
// are tried first.
import type { ModelPrice } from "./price-types.js";
import { ANTHROPIC_PRICES } from "./prices/anthropic.js";
import { GOOGLE_PRICES } from "./prices/google.js";
import { OPENAI_PRICES } from "./prices/openai.js";
import { COHERE_PRICES, DEEPSEEK_PRICES, LLAMA_ON_GROQ_PRICES, MISTRAL_PRICES } from "./prices/other-vendors.js";

export const BUILTIN_MODEL_PRICES: readonly ModelPrice[] = Object.freeze([
  ...OPENAI_PRICES,
  ...ANTHROPIC_PRICES,
  ...GOOGLE_PRICES,
  ...MISTRAL_PRICES,
  ...COHERE_PRICES,
  ...DEEPSEEK_PRICES,
  ...LLAMA_ON_GROQ_PRICES,
]);
