// The built-in price table as data: every entry matches its own example ids
// and no other entry's, patterns do not overmatch sibling models, provider
// prefixes and Bedrock/Vertex spellings resolve, and unknown models get no price.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUILTIN_MODEL_PRICES,
  PriceTable,
  canonicalModelId,
  computeCost,
  type ModelPrice,
} from "../src/index.js";

const table = new PriceTable();
/** Looks a model up in the table, returning the entry's canonical name. */
const priced = (model: string, provider?: string): string | undefined => table.lookup(model, provider)?.model;
const hostOf = (entry: ModelPrice): string | undefined => entry.hosts?.[0];

describe("the built-in table", () => {
  it("has a source, a check date and examples for every entry", () => {
    expect(BUILTIN_MODEL_PRICES.length).toBeGreaterThan(50);
    for (const entry of BUILTIN_MODEL_PRICES) {
      expect(entry.source, entry.model).toMatch(/^https:\/\//);
      expect(entry.checkedAt, entry.model).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.examples?.length ?? 0, entry.model).toBeGreaterThan(0);
      expect(entry.prices.input, entry.model).toBeGreaterThanOrEqual(0);
    }
  });

  it("has one entry per model name", () => {
    const names = BUILTIN_MODEL_PRICES.map((e) => `${e.provider}/${e.model}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it("prices every entry's example ids with that entry, and no sibling entry matches them", () => {
    for (const entry of BUILTIN_MODEL_PRICES) {
      for (const example of entry.examples ?? []) {
        expect(table.lookup(example, hostOf(entry)), `${example} → ${entry.model}`).toBe(entry);
        for (const other of BUILTIN_MODEL_PRICES) {
          if (other === entry) continue;
          const alone = new PriceTable({ models: [other], builtin: false });
          expect(alone.lookup(example, hostOf(other)), `${other.model} must not match ${example}`).toBeUndefined();
        }
      }
    }
  });

  it("never discounts cache writes below cache reads nor charges cache reads above input", () => {
    for (const entry of BUILTIN_MODEL_PRICES) {
      for (const prices of [entry.prices, ...(entry.tiers ?? []).map((t) => t.prices)]) {
        if (prices.cacheRead !== undefined) expect(prices.cacheRead, entry.model).toBeLessThanOrEqual(prices.input);
        if (prices.cacheWrite !== undefined) expect(prices.cacheWrite, entry.model).toBeGreaterThanOrEqual(prices.input);
      }
    }
  });
});

describe("matching model ids", () => {
  it("tells siblings apart", () => {
    expect(priced("gpt-4o")).toBe("gpt-4o");
    expect(priced("gpt-4o-mini")).toBe("gpt-4o-mini");
    expect(priced("gpt-4o-mini-2024-07-18")).toBe("gpt-4o-mini");
    expect(priced("o1")).toBe("o1");
    expect(priced("o1-mini")).toBe("o1-mini");
    expect(priced("o1-pro")).toBe("o1-pro");
    expect(priced("o3")).toBe("o3");
    expect(priced("o3-mini")).toBe("o3-mini");
    expect(priced("gpt-4.1")).toBe("gpt-4.1");
    expect(priced("gpt-4.1-nano")).toBe("gpt-4.1-nano");
    expect(priced("gpt-5")).toBe("gpt-5");
    expect(priced("gpt-5-mini")).toBe("gpt-5-mini");
    expect(priced("claude-sonnet-4-20250514")).toBe("claude-sonnet-4");
    expect(priced("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(priced("claude-opus-4-20250514")).toBe("claude-opus-4");
    expect(priced("claude-opus-4-1-20250805")).toBe("claude-opus-4-1");
    expect(priced("gemini-2.5-flash")).toBe("gemini-2.5-flash");
    expect(priced("gemini-2.5-flash-lite")).toBe("gemini-2.5-flash-lite");
    expect(priced("command-r")).toBe("command-r");
    expect(priced("command-r-plus")).toBe("command-r-plus");
  });

  it("prices a dated variant with its own snapshot's price", () => {
    const usage = { input: 1_000_000, output: 1_000_000 };
    expect(table.costOf("gpt-4o-2024-08-06", undefined, usage)?.total).toBeCloseTo(2.5 + 10, 10);
    // The first snapshot kept its launch price: a pattern with a generic date suffix would get this wrong.
    expect(table.costOf("gpt-4o-2024-05-13", undefined, usage)?.total).toBeCloseTo(5 + 15, 10);
  });

  it("resolves provider prefixes, Bedrock and Vertex spellings", () => {
    expect(priced("openai/gpt-4o")).toBe("gpt-4o");
    expect(priced("OpenAI/GPT-4o")).toBe("gpt-4o");
    expect(priced("models/gemini-1.5-pro")).toBe("gemini-1.5-pro");
    expect(priced("anthropic.claude-3-5-sonnet-20240620-v1:0")).toBe("claude-3-5-sonnet");
    expect(priced("us.anthropic.claude-sonnet-4-20250514-v1:0")).toBe("claude-sonnet-4");
    expect(priced("claude-3-5-sonnet-v2@20241022")).toBe("claude-3-5-sonnet");
    expect(canonicalModelId("eu.anthropic.claude-3-7-sonnet-20250219-v1:0")).toEqual({
      id: "claude-3-7-sonnet-20250219",
      routePrefix: undefined,
    });
    expect(canonicalModelId("groq/meta-llama/llama-4-scout-17b-16e-instruct")).toEqual({
      id: "llama-4-scout-17b-16e-instruct",
      routePrefix: "groq",
    });
  });

  it("prices hosted Llama only for its host", () => {
    expect(priced("llama-3.3-70b-versatile", "groq")).toBe("llama-3.3-70b-versatile");
    expect(priced("groq/llama-3.3-70b-versatile")).toBe("llama-3.3-70b-versatile");
    // Another host (or none named) charges something else: no guess.
    expect(priced("meta-llama/llama-4-scout-17b-16e-instruct", "together")).toBeUndefined();
    expect(priced("llama-3.3-70b-versatile")).toBeUndefined();
  });

  it("gives unknown models no price and reports each once", () => {
    const notes: string[] = [];
    const own = new PriceTable({ onUnknownModel: (model) => notes.push(model) });
    const usage = { input: 100, output: 10 };
    expect(own.costOf("my-finetune", undefined, usage)).toBeUndefined();
    expect(own.costOf("my-finetune", undefined, usage)).toBeUndefined();
    expect(own.costOf("ft:gpt-4o-mini-2024-07-18:acme::abc", undefined, usage)).toBeUndefined();
    expect(own.costOf("gpt-4o-2099-01-01", undefined, usage)).toBeUndefined();
    expect(notes).toEqual(["my-finetune", "ft:gpt-4o-mini-2024-07-18:acme::abc", "gpt-4o-2099-01-01"]);
  });

  it("lets user entries win over the table, by exact id or pattern (Langfuse (?i) accepted)", () => {
    const own = new PriceTable({
      models: [
        { model: "gpt-4o", prices: { input: 1, output: 1 } },
        { model: "acme-llm", match: "(?i)^acme-llm-v\\d+$", prices: { input: 4, output: 8 } },
      ],
    });
    expect(own.costOf("gpt-4o", undefined, { input: 1_000_000, output: 0 })?.total).toBeCloseTo(1, 10);
    expect(own.costOf("ACME-LLM-v3", undefined, { input: 0, output: 1_000_000 })?.total).toBeCloseTo(8, 10);
    expect(own.costOf("gpt-4o-mini", undefined, { input: 1_000_000, output: 0 })?.total).toBeCloseTo(0.15, 10);
    const onlyUser = new PriceTable({ models: [{ model: "acme", prices: { input: 1 } }], builtin: false });
    expect(onlyUser.lookup("gpt-4o")).toBeUndefined();
  });
});

describe("cost of any usage (property)", () => {
  const usageArb = fc.record({
    input: fc.integer({ min: 0, max: 2_000_000 }),
    output: fc.integer({ min: 0, max: 200_000 }),
    cacheRead: fc.integer({ min: 0, max: 2_000_000 }),
    cacheWrite: fc.integer({ min: 0, max: 2_000_000 }),
    reasoning: fc.integer({ min: 0, max: 200_000 }),
  });
  const entryArb = fc.constantFrom(...BUILTIN_MODEL_PRICES);

  it("is non-negative, adds up, and reading from cache never costs more than not", () => {
    fc.assert(
      fc.property(entryArb, usageArb, (entry, usage) => {
        const cost = computeCost(usage, entry)!;
        expect(cost.input).toBeGreaterThanOrEqual(0);
        expect(cost.output).toBeGreaterThanOrEqual(0);
        expect(cost.total).toBeCloseTo(cost.input! + cost.output!, 9);
        expect(cost.cacheRead ?? 0).toBeLessThanOrEqual(cost.input! + 1e-12);
        const uncached = computeCost({ ...usage, cacheRead: 0 }, entry)!;
        expect(cost.total!).toBeLessThanOrEqual(uncached.total! + 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});
