// Reads the JSON price file named by TRACEHUB_PRICING_FILE (or
// `pricing.file`). Anything wrong with it (unreadable, not JSON, bad entries)
// becomes one ConfigProblem that lists every fault, so createHub reports it
// with the other configuration problems instead of pricing silently.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ConfigProblem } from "../adapter.js";
import type { ModelPriceInput } from "./price-types.js";
import { expectedPricingValue, pricingFileArraySchema, pricingFileObjectSchema } from "./pricing-schema.js";

/** Most faults listed for one file; the rest are counted. */
const MAX_LISTED_FAULTS = 10;

export interface PricingFileResult {
  models: ModelPriceInput[];
  problems: ConfigProblem[];
}

/** `source` names where the path came from: "TRACEHUB_PRICING_FILE" or "options.pricing.file". */
export async function loadPricingFile(file: string, cwd: string, source: string): Promise<PricingFileResult> {
  const fullPath = path.resolve(cwd, file);
  const problem = (what: string, fix: string): PricingFileResult => ({
    models: [],
    problems: [{ source, problem: `${source} names ${fullPath}, ${what}`, fix }],
  });

  let text: string;
  try {
    text = await readFile(fullPath, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return problem(
      `which cannot be read (${typeof code === "string" ? code : "read error"})`,
      `Point ${source} at a readable JSON file of price entries, or unset it`,
    );
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return problem(
      `which is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      'Write the file as JSON: [{ "model": "my-model", "prices": { "input": 1, "output": 2 } }]',
    );
  }

  // Picked by shape rather than a zod union, so faults point into the entries instead of at "no branch matched".
  const parsed = Array.isArray(json) ? pricingFileArraySchema.safeParse(json) : pricingFileObjectSchema.safeParse(json);
  if (parsed.success) return { models: Array.isArray(parsed.data) ? parsed.data : parsed.data.models, problems: [] };
  return problem(
    `which has invalid price entries: ${describeFaults(json, parsed.error.issues)}`,
    "Fix those entries (prices are USD per 1M tokens), or unset the variable",
  );
}

function describeFaults(root: unknown, issues: readonly { path: readonly PropertyKey[] }[]): string {
  const faults = new Map<string, string>();
  for (const issue of issues) {
    const keys = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const where = formatPath(keys);
    if (faults.has(where)) continue;
    const value = valueAt(root, keys);
    faults.set(where, `${where} is ${describe(value)}: expected ${expectedPricingValue(keys)}`);
  }
  if (faults.size === 0) return 'expected an array of entries or { "models": [...] }';
  const listed = [...faults.values()].slice(0, MAX_LISTED_FAULTS);
  const more = faults.size - listed.length;
  return listed.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

/** `[2].prices.input`, `models[0].match`. */
function formatPath(keys: readonly (string | number)[]): string {
  const text = keys.reduce<string>((out, k) => (typeof k === "number" ? `${out}[${k}]` : `${out}.${k}`), "");
  return text.startsWith(".") ? text.slice(1) : text === "" ? "the file" : text;
}

function valueAt(root: unknown, keys: readonly (string | number)[]): unknown {
  let value = root;
  for (const key of keys) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (typeof value === "string") return value.length > 60 ? `"${value.slice(0, 57)}..."` : `"${value}"`;
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
