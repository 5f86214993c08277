// Token usage, cost and model facts where LangSmith reads them. Usage goes to
// `usage_metadata` (input/output/total tokens with cache and reasoning
// details, and costs); the model goes to the `ls_*` metadata keys its
// server-side pricing and model views use. tracehub's `usage.input` already
// includes cached tokens and `usage.output` reasoning tokens, which is what
// LangSmith's input_tokens/output_tokens mean too, so nothing is re-added.
import type { ReadonlySpan } from "@tracehub/core";
import type { UsageMetadata } from "langsmith/schemas";

/** usage_metadata of a span, or undefined when it has neither usage nor cost. */
export function usageMetadataOf(span: ReadonlySpan): UsageMetadata | undefined {
  const { usage, cost } = span;
  if (usage === undefined && cost === undefined) return undefined;
  const input = usage?.input ?? 0;
  const output = usage?.output ?? 0;
  const metadata: UsageMetadata = {
    input_tokens: input,
    output_tokens: output,
    total_tokens: usage?.total ?? input + output,
  };
  const inputDetails = compact({ cache_read: usage?.cacheRead, cache_creation: usage?.cacheWrite });
  if (inputDetails !== undefined) metadata.input_token_details = inputDetails;
  const outputDetails = compact({ reasoning: usage?.reasoning });
  if (outputDetails !== undefined) metadata.output_token_details = outputDetails;
  if (cost !== undefined) {
    if (isNumber(cost.input)) metadata.input_cost = cost.input;
    if (isNumber(cost.output)) metadata.output_cost = cost.output;
    const total = isNumber(cost.total) ? cost.total : sumDefined(cost.input, cost.output);
    if (total !== undefined) metadata.total_cost = total;
    const inputCostDetails = compact({ cache_read: cost.cacheRead, cache_creation: cost.cacheWrite });
    if (inputCostDetails !== undefined) metadata.input_cost_details = inputCostDetails;
    const outputCostDetails = compact({ reasoning: cost.reasoning });
    if (outputCostDetails !== undefined) metadata.output_cost_details = outputCostDetails;
  }
  return metadata;
}

/** `ls_provider`, `ls_model_name`, `ls_model_type`, `ls_temperature`, `ls_max_tokens`, `ls_stop`, `ls_invocation_params`. */
export function modelMetadataOf(span: ReadonlySpan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (span.provider !== undefined) out.ls_provider = span.provider;
  if (span.model !== undefined) out.ls_model_name = span.model;
  // LangSmith's pricing distinguishes "chat" and "llm" (completion) models; tracehub's
  // llm spans are chat-style calls in all the instrumentations it ships.
  if (span.kind === "llm") out.ls_model_type = "chat";
  const params = span.modelParameters;
  if (params === undefined) return out;
  const temperature = params.temperature;
  if (isNumber(temperature)) out.ls_temperature = temperature;
  const maxTokens = firstNumber(params, ["max_tokens", "maxTokens", "max_completion_tokens", "max_output_tokens", "maxOutputTokens"]);
  if (maxTokens !== undefined) out.ls_max_tokens = maxTokens;
  const stop = params.stop;
  if (typeof stop === "string") out.ls_stop = [stop];
  else if (Array.isArray(stop)) out.ls_stop = stop;
  out.ls_invocation_params = { ...params };
  return out;
}

function compact(values: Record<string, number | undefined>): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(values)) if (isNumber(value)) out[key] = value;
  return Object.keys(out).length > 0 ? out : undefined;
}

function firstNumber(params: Readonly<Record<string, unknown>>, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = params[key];
    if (isNumber(value)) return value;
  }
  return undefined;
}

function sumDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (!isNumber(a) && !isNumber(b)) return undefined;
  return (isNumber(a) ? a : 0) + (isNumber(b) ? b : 0);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
