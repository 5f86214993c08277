// Cost arithmetic: cached and reasoning tokens priced once at their own rate,
// cache writes, missing rates, and long-context tiers chosen by prompt size.
import { describe, expect, it } from "vitest";
import { PriceTable, computeCost, pricesForUsage, type ModelPrice } from "../src/index.js";

const table = new PriceTable();
const entry = (model: string): ModelPrice => {
  const found = table.lookup(model);
  if (found === undefined) throw new Error(`no entry for ${model}`);
  return found;
};

describe("computeCost", () => {
  it("prices cached tokens at the cached rate and not also as input", () => {
    // gpt-4o: $2.50 input, $1.25 cached input, $10 output per 1M tokens.
    const cost = computeCost({ input: 10_000, cacheRead: 8_000, output: 500 }, entry("gpt-4o"))!;
    const uncached = 2_000 * 2.5e-6;
    const cached = 8_000 * 1.25e-6;
    expect(cost.cacheRead).toBeCloseTo(cached, 12);
    expect(cost.input).toBeCloseTo(uncached + cached, 12);
    expect(cost.output).toBeCloseTo(500 * 10e-6, 12);
    expect(cost.total).toBeCloseTo(uncached + cached + 500 * 10e-6, 12);
    // Counting the cached tokens twice would give 10_000 * 2.5e-6 + 8_000 * 1.25e-6.
    expect(cost.input).toBeLessThan(10_000 * 2.5e-6);
  });

  it("prices Anthropic cache writes and reads apart from fresh input", () => {
    // claude-3-5-haiku: input 0.8, cache write 1, cache read 0.08, output 4.
    const cost = computeCost({ input: 5_000, cacheWrite: 3_000, cacheRead: 1_000, output: 100 }, entry("claude-3-5-haiku-20241022"))!;
    expect(cost.cacheWrite).toBeCloseTo(3_000 * 1e-6, 12);
    expect(cost.cacheRead).toBeCloseTo(1_000 * 0.08e-6, 12);
    expect(cost.input).toBeCloseTo(1_000 * 0.8e-6 + 3_000 * 1e-6 + 1_000 * 0.08e-6, 12);
    expect(cost.total).toBeCloseTo(cost.input! + 100 * 4e-6, 12);
  });

  it("counts reasoning inside output, at a separate rate only when one exists", () => {
    const o3 = computeCost({ input: 0, output: 1_000, reasoning: 800 }, entry("o3"))!;
    expect(o3.output).toBeCloseTo(1_000 * 8e-6, 12); // not 1_800 tokens
    expect(o3.reasoning).toBeCloseTo(800 * 8e-6, 12);

    const custom = computeCost({ input: 0, output: 1_000, reasoning: 800 }, { prices: { input: 1, output: 10, reasoning: 20 } })!;
    expect(custom.output).toBeCloseTo(200 * 10e-6 + 800 * 20e-6, 12);
  });

  it("falls back to the input rate for unpriced cache tokens and 0 for unpriced output", () => {
    const cost = computeCost({ input: 1_000, cacheRead: 400, output: 0 }, { prices: { input: 2 } })!;
    expect(cost.input).toBeCloseTo(1_000 * 2e-6, 12);
    expect(computeCost({ input: 1_000, output: 50 }, entry("text-embedding-3-small"))!.total).toBeCloseTo(1_000 * 0.02e-6, 12);
  });

  it("never lets details exceed the totals they belong to", () => {
    const cost = computeCost({ input: 100, cacheRead: 500, cacheWrite: 500, output: 10, reasoning: 50 }, entry("claude-sonnet-4"))!;
    expect(cost.input).toBeCloseTo(100 * 0.3e-6, 12);
    expect(cost.cacheWrite).toBeUndefined();
    expect(cost.output).toBeCloseTo(10 * 15e-6, 12);
  });

  it("returns nothing for usage without input or output", () => {
    expect(computeCost({ total: 100 }, entry("gpt-4o"))).toBeUndefined();
  });
});

describe("long-context tiers", () => {
  it("bills a whole Claude Sonnet 4 request at the long-context rates above 200K prompt tokens", () => {
    const sonnet = entry("claude-sonnet-4-20250514");
    const below = computeCost({ input: 200_000, output: 1_000 }, sonnet)!;
    expect(below.total).toBeCloseTo(200_000 * 3e-6 + 1_000 * 15e-6, 10);
    // Cached tokens count towards the threshold.
    const above = computeCost({ input: 250_000, cacheRead: 100_000, output: 1_000 }, sonnet)!;
    expect(above.total).toBeCloseTo(150_000 * 6e-6 + 100_000 * 0.6e-6 + 1_000 * 22.5e-6, 10);
  });

  it("switches Gemini 2.5 Pro to its >200K tier and picks the highest tier passed", () => {
    const pro = entry("models/gemini-2.5-pro");
    expect(pricesForUsage(pro, 200_001).input).toBe(2.5);
    expect(pricesForUsage(pro, 200_000).input).toBe(1.25);
    const stepped = { prices: { input: 1 }, tiers: [{ inputAbove: 1_000, prices: { input: 3 } }, { inputAbove: 100, prices: { input: 2 } }] };
    expect(pricesForUsage(stepped, 50).input).toBe(1);
    expect(pricesForUsage(stepped, 500).input).toBe(2);
    expect(pricesForUsage(stepped, 5_000).input).toBe(3);
  });
});
