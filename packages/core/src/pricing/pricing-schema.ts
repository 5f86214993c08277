// zod schemas of user price entries, shared by `pricing` in HubOptions and by
// TRACEHUB_PRICING_FILE, with the plain-words expectation for each field so a
// bad entry is reported as "what is wrong, what was expected".
import { z } from "zod";
import { compilePricePattern } from "./price-table.js";

const rate = z.number().finite().min(0);
const compiles = (source: string): boolean => {
  try {
    compilePricePattern(source);
    return true;
  } catch {
    return false;
  }
};

export const tokenPricesSchema = z.object({
  input: rate,
  output: rate.optional(),
  cacheRead: rate.optional(),
  cacheWrite: rate.optional(),
  reasoning: rate.optional(),
});

export const priceTierSchema = z.object({
  inputAbove: z.number().int().min(0),
  prices: tokenPricesSchema,
});

export const modelPriceInputSchema = z.object({
  model: z.string().trim().min(1),
  provider: z.string().trim().min(1).optional(),
  match: z.string().min(1).refine(compiles).optional(),
  hosts: z.array(z.string().trim().min(1)).optional(),
  prices: tokenPricesSchema,
  tiers: z.array(priceTierSchema).optional(),
  checkedAt: z.string().optional(),
  source: z.string().optional(),
});

export const pricingOptionsSchema = z.object({
  models: z.array(modelPriceInputSchema).optional(),
  file: z.string().trim().min(1).optional(),
  builtin: z.boolean().optional(),
});

/** A pricing file holds an array of entries, or `{ "models": [...] }`. */
export const pricingFileArraySchema = z.array(modelPriceInputSchema);
export const pricingFileObjectSchema = z.object({ models: z.array(modelPriceInputSchema) });

const RATE = "a number of USD per 1M tokens, 0 or more";
const PRICING_EXPECTED: Record<string, string> = {
  input: RATE,
  output: RATE,
  cacheRead: RATE,
  cacheWrite: RATE,
  reasoning: RATE,
  prices: "an object of rates such as { input: 2.5, output: 10 } (USD per 1M tokens)",
  inputAbove: "a whole number of prompt tokens, 0 or more",
  tiers: "an array of { inputAbove, prices }",
  model: "a non-empty model id",
  provider: "a non-empty provider name",
  match: "a valid regular expression, e.g. ^gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$",
  hosts: "an array of provider names",
  checkedAt: "a date text, e.g. 2026-01-31",
  source: "a URL text",
  models: "an array of price entries { model, prices, match? }",
  file: "a path to a JSON file of price entries",
  builtin: "true or false",
};

/** What the value at `path` (inside `pricing` or a pricing file) should be. */
export function expectedPricingValue(path: readonly (string | number)[]): string {
  const last = path.at(-1);
  if (typeof last === "number") {
    const parent = path.at(-2);
    if (parent === "hosts") return "a provider name (a string)";
    if (parent === "tiers") return "a tier { inputAbove, prices }";
    return "a price entry { model, prices, match? }";
  }
  return PRICING_EXPECTED[String(last)] ?? "a valid value";
}
