// Cost of one call from its token usage and its model's prices. Follows the
// Usage contract: `input` counts every prompt token, cache reads and writes
// included, and `output` counts reasoning tokens, so each token is priced
// exactly once, at its own rate.
import type { Cost, Usage } from "../model/span.js";
import type { ModelPrice, TokenPrices } from "./price-types.js";

const PER_TOKEN = 1 / 1_000_000;

/** The tier whose threshold the prompt passes (the highest such), else the base prices. */
export function pricesForUsage(entry: Pick<ModelPrice, "prices" | "tiers">, promptTokens: number): TokenPrices {
  let chosen = entry.prices;
  let threshold = -Infinity;
  for (const tier of entry.tiers ?? []) {
    if (promptTokens > tier.inputAbove && tier.inputAbove > threshold) {
      chosen = tier.prices;
      threshold = tier.inputAbove;
    }
  }
  return chosen;
}

/**
 * USD cost of `usage` at `entry`'s prices, or undefined when the usage has
 * neither input nor output tokens. The result keeps the Usage semantics:
 * `input` includes `cacheRead` and `cacheWrite`, `output` includes
 * `reasoning`, and `total` = `input` + `output`.
 */
export function computeCost(usage: Readonly<Usage>, entry: Pick<ModelPrice, "prices" | "tiers">): Cost | undefined {
  const inputTokens = count(usage.input);
  const outputTokens = count(usage.output);
  if (usage.input === undefined && usage.output === undefined) return undefined;

  const prices = pricesForUsage(entry, inputTokens);
  // Details can never exceed what they are part of (bad input must not create negative tokens).
  const cacheRead = Math.min(count(usage.cacheRead), inputTokens);
  const cacheWrite = Math.min(count(usage.cacheWrite), inputTokens - cacheRead);
  const uncached = inputTokens - cacheRead - cacheWrite;
  const reasoning = Math.min(count(usage.reasoning), outputTokens);

  const cacheReadCost = cacheRead * (prices.cacheRead ?? prices.input) * PER_TOKEN;
  const cacheWriteCost = cacheWrite * (prices.cacheWrite ?? prices.input) * PER_TOKEN;
  const inputCost = uncached * prices.input * PER_TOKEN + cacheReadCost + cacheWriteCost;

  const outputRate = prices.output ?? 0;
  const reasoningCost = reasoning * (prices.reasoning ?? outputRate) * PER_TOKEN;
  const outputCost = (outputTokens - reasoning) * outputRate * PER_TOKEN + reasoningCost;

  const cost: Cost = { input: inputCost, output: outputCost, total: inputCost + outputCost };
  if (cacheRead > 0) cost.cacheRead = cacheReadCost;
  if (cacheWrite > 0) cost.cacheWrite = cacheWriteCost;
  if (reasoning > 0) cost.reasoning = reasoningCost;
  return cost;
}

function count(value: number | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}
