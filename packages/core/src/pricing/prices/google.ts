// Google Gemini API list prices for text, USD per 1M tokens (paid tier; audio,
// image and grounding are not modelled). Long-context tiers bill the whole
// request at the higher rate once the prompt is above the threshold.
// Cross-checked against langfuse/langfuse default-model-prices.json (commit
// 6275144) and pydantic/genai-prices prices/providers/google.yml (commit
// 47df840). Gemini 1.5 is retired; its entries price historical traces.
import type { ModelPrice } from "../price-types.js";

const source = "https://ai.google.dev/gemini-api/docs/pricing";
const provider = "google";

export const GOOGLE_PRICES: readonly ModelPrice[] = [
  {
    model: "gemini-1.5-flash",
    provider,
    match: "^gemini-1\\.5-flash(-latest|-001|-002)?$",
    prices: { input: 0.075, cacheRead: 0.01875, output: 0.3 },
    tiers: [{ inputAbove: 128_000, prices: { input: 0.15, cacheRead: 0.0375, output: 0.6 } }],
    checkedAt: "2025-07-04",
    source,
    examples: ["gemini-1.5-flash", "models/gemini-1.5-flash-002", "gemini-1.5-flash@001"],
  },
  {
    model: "gemini-1.5-pro",
    provider,
    match: "^gemini-1\\.5-pro(-latest|-001|-002)?$",
    prices: { input: 1.25, output: 5 },
    tiers: [{ inputAbove: 128_000, prices: { input: 2.5, output: 10 } }],
    checkedAt: "2025-06-22",
    source,
    examples: ["gemini-1.5-pro", "models/gemini-1.5-pro", "google/gemini-1.5-pro-002"],
  },
  {
    model: "gemini-2.0-flash",
    provider,
    match: "^gemini-2\\.0-flash(-001|-latest|-exp)?$",
    prices: { input: 0.1, cacheRead: 0.025, output: 0.4 },
    checkedAt: "2026-03-06",
    source,
    examples: ["gemini-2.0-flash", "gemini-2.0-flash-001", "models/gemini-2.0-flash"],
  },
  {
    model: "gemini-2.0-flash-lite",
    provider,
    match: "^gemini-2\\.0-flash-lite(-001|-preview|-preview-02-05)?$",
    prices: { input: 0.075, output: 0.3 },
    checkedAt: "2026-03-06",
    source,
    examples: ["gemini-2.0-flash-lite", "gemini-2.0-flash-lite-001", "gemini-2.0-flash-lite-preview-02-05"],
  },
  {
    model: "gemini-2.5-flash",
    provider,
    match: "^gemini-2\\.5-flash(-latest|-preview-09-2025)?$",
    prices: { input: 0.3, cacheRead: 0.03, output: 2.5 },
    checkedAt: "2026-07-14",
    source,
    examples: ["gemini-2.5-flash", "models/gemini-2.5-flash", "google/gemini-2.5-flash-preview-09-2025"],
  },
  {
    model: "gemini-2.5-flash-lite",
    provider,
    match: "^gemini-2\\.5-flash-lite(-preview-[0-9-]+)?$",
    prices: { input: 0.1, cacheRead: 0.01, output: 0.4 },
    checkedAt: "2026-07-14",
    source,
    examples: ["gemini-2.5-flash-lite", "gemini-2.5-flash-lite-preview-06-17"],
  },
  {
    model: "gemini-2.5-pro",
    provider,
    match: "^gemini-2\\.5-pro(-preview-[0-9-]+)?$",
    prices: { input: 1.25, cacheRead: 0.125, output: 10 },
    tiers: [{ inputAbove: 200_000, prices: { input: 2.5, cacheRead: 0.25, output: 15 } }],
    checkedAt: "2026-07-14",
    source,
    examples: ["gemini-2.5-pro", "models/gemini-2.5-pro", "gemini-2.5-pro-preview-06-05"],
  },
  {
    model: "gemini-embedding-001",
    provider,
    match: "^gemini-embedding-001$",
    prices: { input: 0.15 },
    // No check date upstream: the date of the genai-prices snapshot it was read from.
    checkedAt: "2026-08-21",
    source,
    examples: ["gemini-embedding-001", "models/gemini-embedding-001"],
  },
];
