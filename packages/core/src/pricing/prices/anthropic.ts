// Anthropic list prices, USD per 1M tokens; the same on Bedrock and Vertex
// (their ids are canonicalised before matching). `cacheWrite` is the 5-minute
// cache write (1.25x input); 1-hour writes (2x input) are not modelled. Sonnet
// 4 and 4.5 bill a whole request at long-context rates once the prompt
// (cached tokens included) is above 200K tokens. Cross-checked against
// langfuse/langfuse default-model-prices.json (commit 6275144) and
// pydantic/genai-prices prices/providers/anthropic.yml (commit 47df840).
import type { ModelPrice, PriceTier } from "../price-types.js";

const source = "https://www.anthropic.com/pricing#api";
const provider = "anthropic";

const SONNET = { input: 3, cacheWrite: 3.75, cacheRead: 0.3, output: 15 };
const SONNET_LONG_CONTEXT: readonly PriceTier[] = [
  { inputAbove: 200_000, prices: { input: 6, cacheWrite: 7.5, cacheRead: 0.6, output: 22.5 } },
];
const OPUS_4 = { input: 15, cacheWrite: 18.75, cacheRead: 1.5, output: 75 };

export const ANTHROPIC_PRICES: readonly ModelPrice[] = [
  {
    model: "claude-3-haiku",
    provider,
    match: "^claude-3-haiku-20240307$",
    prices: { input: 0.25, cacheWrite: 0.3, cacheRead: 0.03, output: 1.25 },
    checkedAt: "2026-07-28",
    source,
    examples: ["claude-3-haiku-20240307", "anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku@20240307"],
  },
  {
    model: "claude-3-opus",
    provider,
    match: "^claude-3-opus-(20240229|latest)$",
    prices: OPUS_4,
    checkedAt: "2026-07-28",
    source,
    examples: ["claude-3-opus-20240229", "anthropic.claude-3-opus-20240229-v1:0"],
  },
  {
    model: "claude-3-5-haiku",
    provider,
    match: "^claude-3-5-haiku-(v1-)?(20241022|latest)$",
    prices: { input: 0.8, cacheWrite: 1, cacheRead: 0.08, output: 4 },
    checkedAt: "2026-07-28",
    source,
    examples: ["claude-3-5-haiku-20241022", "claude-3-5-haiku-latest", "us.anthropic.claude-3-5-haiku-20241022-v1:0"],
  },
  {
    model: "claude-3-5-sonnet",
    provider,
    match: "^claude-3-5-sonnet-(v2-)?(20240620|20241022|latest)$",
    prices: SONNET,
    checkedAt: "2026-07-28",
    source,
    examples: [
      "claude-3-5-sonnet-20240620",
      "claude-3-5-sonnet-20241022",
      "anthropic/claude-3-5-sonnet-latest",
      "anthropic.claude-3-5-sonnet-20240620-v1:0",
      "anthropic.claude-3-5-sonnet-20241022-v2:0",
      "claude-3-5-sonnet@20240620",
      "claude-3-5-sonnet-v2@20241022",
      "openrouter/anthropic/claude-3.5-sonnet-20240620",
    ],
  },
  {
    model: "claude-3-7-sonnet",
    provider,
    match: "^claude-3-7-sonnet-(v1-)?(20250219|latest)$",
    prices: SONNET,
    checkedAt: "2026-07-28",
    source,
    examples: ["claude-3-7-sonnet-20250219", "claude-3-7-sonnet-latest", "us.anthropic.claude-3-7-sonnet-20250219-v1:0"],
  },
  {
    model: "claude-sonnet-4",
    provider,
    match: "^(claude-sonnet-4|claude-4-sonnet)(-0|-20250514|-latest)?$",
    prices: SONNET,
    tiers: SONNET_LONG_CONTEXT,
    checkedAt: "2026-07-28",
    source,
    examples: [
      "claude-sonnet-4-20250514",
      "claude-sonnet-4-0",
      "anthropic/claude-sonnet-4",
      "us.anthropic.claude-sonnet-4-20250514-v1:0",
      "claude-sonnet-4@20250514",
    ],
  },
  {
    model: "claude-sonnet-4-5",
    provider,
    match: "^claude-sonnet-4-5(-20250929)?$",
    prices: SONNET,
    tiers: SONNET_LONG_CONTEXT,
    checkedAt: "2026-07-29",
    source,
    examples: ["claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "global.anthropic.claude-sonnet-4-5-20250929-v1:0"],
  },
  {
    model: "claude-opus-4",
    provider,
    match: "^(claude-opus-4|claude-4-opus)(-0|-20250514)?$",
    prices: OPUS_4,
    checkedAt: "2026-07-28",
    source,
    examples: ["claude-opus-4-20250514", "claude-opus-4-0", "anthropic.claude-opus-4-20250514-v1:0"],
  },
  {
    model: "claude-opus-4-1",
    provider,
    match: "^claude-opus-4-1(-20250805)?$",
    prices: OPUS_4,
    checkedAt: "2026-07-28",
    source,
    examples: ["claude-opus-4-1", "claude-opus-4-1-20250805", "us.anthropic.claude-opus-4-1-20250805-v1:0"],
  },
  {
    model: "claude-opus-4-5",
    provider,
    match: "^claude-opus-4-5(-20251101)?$",
    prices: { input: 5, cacheWrite: 6.25, cacheRead: 0.5, output: 25 },
    checkedAt: "2026-07-28",
    source,
    examples: ["claude-opus-4-5", "claude-opus-4-5-20251101"],
  },
  {
    model: "claude-haiku-4-5",
    provider,
    match: "^(claude-haiku-4-5|claude-4-5-haiku)(-20251001)?$",
    prices: { input: 1, cacheWrite: 1.25, cacheRead: 0.1, output: 5 },
    checkedAt: "2026-07-28",
    source,
    examples: ["claude-haiku-4-5", "claude-haiku-4-5-20251001", "anthropic.claude-haiku-4-5-20251001-v1:0", "claude-haiku-4-5@20251001"],
  },
];
