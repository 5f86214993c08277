// Mistral, Cohere, DeepSeek and Meta Llama (hosted on Groq) list prices, USD
// per 1M tokens. Langfuse's table has none of these; they were read from
// pydantic/genai-prices prices/providers/*.yml (commit 47df840), whose
// `prices_checked` dates are kept. Moving `-latest` aliases are left out on
// purpose: an alias whose target changed price would be a guess.
import type { ModelPrice } from "../price-types.js";

const MISTRAL = "https://mistral.ai/pricing#api-pricing";
const COHERE = "https://cohere.com/pricing";
const DEEPSEEK = "https://api-docs.deepseek.com/quick_start/pricing";
const GROQ = "https://groq.com/pricing/";

export const MISTRAL_PRICES: readonly ModelPrice[] = [
  {
    model: "mistral-large-2411",
    provider: "mistral",
    match: "^mistral-large-(2407|2411)$",
    prices: { input: 2, output: 6 },
    checkedAt: "2025-07-04",
    source: MISTRAL,
    examples: ["mistral-large-2411", "mistral/mistral-large-2407"],
  },
  {
    model: "mistral-large-2512",
    provider: "mistral",
    match: "^mistral-large-2512$",
    prices: { input: 0.5, cacheRead: 0.05, output: 1.5 },
    checkedAt: "2026-06-09",
    source: MISTRAL,
    examples: ["mistral-large-2512"],
  },
  {
    model: "mistral-medium-3",
    provider: "mistral",
    match: "^mistral-medium-(2505|2508)$",
    prices: { input: 0.4, output: 2 },
    checkedAt: "2025-08-12",
    source: MISTRAL,
    examples: ["mistral-medium-2505", "mistral-medium-2508"],
  },
  {
    model: "mistral-small-2603",
    provider: "mistral",
    match: "^mistral-small-2603$",
    prices: { input: 0.15, cacheRead: 0.015, output: 0.6 },
    checkedAt: "2026-06-09",
    source: MISTRAL,
    examples: ["mistral-small-2603"],
  },
  {
    model: "codestral-2501",
    provider: "mistral",
    match: "^codestral-2501$",
    prices: { input: 0.3, output: 0.9 },
    checkedAt: "2025-07-04",
    source: MISTRAL,
    examples: ["codestral-2501"],
  },
  {
    model: "codestral-2508",
    provider: "mistral",
    match: "^codestral-2508$",
    prices: { input: 0.3, cacheRead: 0.03, output: 0.9 },
    checkedAt: "2026-06-09",
    source: MISTRAL,
    examples: ["codestral-2508"],
  },
  {
    model: "mistral-nemo",
    provider: "mistral",
    match: "^(open-)?mistral-nemo$",
    prices: { input: 0.15, output: 0.15 },
    checkedAt: "2025-07-04",
    source: MISTRAL,
    examples: ["open-mistral-nemo", "mistral-nemo"],
  },
  {
    model: "mistral-embed",
    provider: "mistral",
    match: "^mistral-embed$",
    prices: { input: 0.1 },
    // No check date upstream: the date of the genai-prices snapshot it was read from.
    checkedAt: "2026-08-21",
    source: MISTRAL,
    examples: ["mistral-embed"],
  },
];

export const COHERE_PRICES: readonly ModelPrice[] = [
  {
    model: "command-r",
    provider: "cohere",
    match: "^command-r(-08-2024)?$",
    prices: { input: 0.15, output: 0.6 },
    checkedAt: "2025-07-04",
    source: COHERE,
    examples: ["command-r", "command-r-08-2024", "cohere/command-r"],
  },
  {
    // The 04-2024 snapshot had a higher price and is not matched.
    model: "command-r-plus",
    provider: "cohere",
    match: "^command-r-plus(-08-2024)?$",
    prices: { input: 2.5, output: 10 },
    checkedAt: "2025-07-04",
    source: COHERE,
    examples: ["command-r-plus", "command-r-plus-08-2024"],
  },
  {
    model: "command-r7b",
    provider: "cohere",
    match: "^command-r7b(-12-2024)?$",
    prices: { input: 0.0375, output: 0.15 },
    checkedAt: "2025-07-04",
    source: COHERE,
    examples: ["command-r7b", "command-r7b-12-2024"],
  },
  {
    model: "command-a",
    provider: "cohere",
    match: "^command-a-03-2025$",
    prices: { input: 2.5, output: 10 },
    checkedAt: "2025-07-04",
    source: COHERE,
    examples: ["command-a-03-2025"],
  },
  {
    model: "embed-v4.0",
    provider: "cohere",
    match: "^embed-v4\\.0$",
    prices: { input: 0.12 },
    checkedAt: "2025-12-10",
    source: COHERE,
    examples: ["embed-v4.0"],
  },
];

// DeepSeek-V3.2 prices behind both aliases (no night discount since Sept 2025;
// confirmed on the pricing page as of April 2026). DeepSeek moved to V4 model
// ids in 2026; those are not in this table.
export const DEEPSEEK_PRICES: readonly ModelPrice[] = [
  {
    model: "deepseek-chat",
    provider: "deepseek",
    match: "^deepseek-chat$",
    prices: { input: 0.28, cacheRead: 0.028, output: 0.42 },
    checkedAt: "2026-04-13",
    source: DEEPSEEK,
    examples: ["deepseek-chat", "deepseek/deepseek-chat"],
  },
  {
    model: "deepseek-reasoner",
    provider: "deepseek",
    match: "^deepseek-reasoner$",
    prices: { input: 0.28, cacheRead: 0.028, output: 0.42 },
    checkedAt: "2026-04-13",
    source: DEEPSEEK,
    examples: ["deepseek-reasoner"],
  },
];

// Open-weight models cost what their host charges: these are Groq's prices and
// apply only when the span's provider (or the id's prefix) is groq.
const groqLlama = (model: string, input: number, output: number, examples: string[]): ModelPrice => ({
  model,
  provider: "groq",
  match: `^${model.replace(/\./g, "\\.")}$`,
  hosts: ["groq"],
  prices: { input, output },
  checkedAt: "2025-08-12",
  source: GROQ,
  examples,
});

export const LLAMA_ON_GROQ_PRICES: readonly ModelPrice[] = [
  groqLlama("llama-3.1-8b-instant", 0.05, 0.08, ["groq/llama-3.1-8b-instant"]),
  groqLlama("llama-3.3-70b-versatile", 0.59, 0.79, ["groq/llama-3.3-70b-versatile"]),
  groqLlama("llama-4-scout-17b-16e-instruct", 0.11, 0.34, ["groq/meta-llama/llama-4-scout-17b-16e-instruct"]),
  groqLlama("llama-4-maverick-17b-128e-instruct", 0.2, 0.6, ["groq/meta-llama/llama-4-maverick-17b-128e-instruct"]),
];
