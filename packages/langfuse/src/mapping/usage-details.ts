// Usage and cost in Langfuse's own keys. Langfuse buckets are disjoint: `input`
// is the uncached prompt, `input_cached_tokens` the cache reads,
// `input_cache_creation` the cache writes, `output` the visible completion and
// `output_reasoning_tokens` the reasoning (the keys of its default model
// prices). tracehub's `input` includes the cache and `output` the reasoning, so
// the parts are taken out of their parent here; `total` is always sent, so the
// server never sums buckets itself and the totals equal ours.
import type { Cost, Usage } from "@tracehub/core";

/** tracehub detail key → [Langfuse key, the bucket it is part of]. */
const PARTS: Readonly<Record<string, readonly [string, "input" | "output"]>> = {
  cacheRead: ["input_cached_tokens", "input"],
  cacheWrite: ["input_cache_creation", "input"],
  inputAudio: ["input_audio_tokens", "input"],
  reasoning: ["output_reasoning_tokens", "output"],
  outputAudio: ["output_audio_tokens", "output"],
};

/** Detail keys passed through as snake_case (`webSearchRequests` → `web_search_requests`). */
function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9_.]+/g, "_").toLowerCase();
}

function finite(value: number | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * Splits inclusive input/output into Langfuse's disjoint buckets. `round`
 * makes token counts whole (Langfuse drops non-integer usage); costs keep
 * their fraction.
 */
function split(values: Readonly<Record<string, number | undefined>>, round: boolean): Record<string, number> | undefined {
  const fix = (n: number): number => (round ? Math.max(0, Math.round(n)) : n);
  const parts = { input: {} as Record<string, number>, output: {} as Record<string, number> };
  const others: Record<string, number> = {};
  const remaining = { input: values["input"], output: values["output"] };
  for (const key in values) {
    if (key === "input" || key === "output" || key === "total") continue;
    const value = values[key];
    if (!finite(value)) continue;
    const part = PARTS[key];
    if (part === undefined) {
      others[snakeCase(key)] = fix(value);
      continue;
    }
    const [name, parent] = part;
    const parentLeft = remaining[parent];
    // A detail can never exceed what it is part of (bad input must not create negative buckets).
    const amount = finite(parentLeft) ? Math.min(value, Math.max(0, parentLeft)) : value;
    parts[parent][name] = fix(amount);
    if (finite(parentLeft)) remaining[parent] = parentLeft - amount;
  }
  let total = values["total"];
  if (!finite(total) && (finite(values["input"]) || finite(values["output"]))) {
    total = (values["input"] ?? 0) + (values["output"] ?? 0);
  }
  const out: Record<string, number> = {};
  if (finite(remaining.input)) out["input"] = fix(remaining.input);
  Object.assign(out, parts.input);
  if (finite(remaining.output)) out["output"] = fix(remaining.output);
  Object.assign(out, parts.output, others);
  if (finite(total)) out["total"] = fix(total);
  return Object.keys(out).length === 0 ? undefined : out;
}

/** `langfuse.observation.usage_details`: whole token counts in Langfuse's keys, total included. */
export function langfuseUsageDetails(usage: Readonly<Usage> | undefined): Record<string, number> | undefined {
  return usage === undefined ? undefined : split(usage, true);
}

/** `langfuse.observation.cost_details` in USD, in the same keys as the usage, total included. */
export function langfuseCostDetails(cost: Readonly<Cost> | undefined): Record<string, number> | undefined {
  return cost === undefined ? undefined : split(cost, false);
}
