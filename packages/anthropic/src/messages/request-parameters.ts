// Model parameters of a messages request: an allowlist of settings, never
// content (system prompt, messages and tool schemas go to the input, which
// redaction covers). Also the `gen_ai.request.*` attributes.
import type { Attributes } from "@tracehub/core";

export type RequestBody = Record<string, unknown>;

// temperature/top_p/top_k: SDKs before 1.x (and the API for older models) still take them.
const SCALAR_PARAMETERS = ["max_tokens", "temperature", "top_p", "top_k", "stop_sequences", "stream", "service_tier", "speed", "inference_geo"] as const;

function isPrimitive(value: unknown): boolean {
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean";
}

function pick(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

export function modelParameters(body: RequestBody): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const key of SCALAR_PARAMETERS) {
    const value = body[key];
    if (isPrimitive(value) || (Array.isArray(value) && value.every(isPrimitive))) parameters[key] = value;
  }
  const toolChoice = body.tool_choice;
  const choiceType = pick(toolChoice, "type");
  if (typeof choiceType === "string") {
    const name = pick(toolChoice, "name");
    parameters.tool_choice = typeof name === "string" ? `${choiceType}:${name}` : choiceType;
  }
  const thinking = body.thinking;
  const thinkingType = pick(thinking, "type");
  if (typeof thinkingType === "string") parameters.thinking = thinkingType;
  const budget = pick(thinking, "budget_tokens");
  if (typeof budget === "number") parameters.thinking_budget_tokens = budget;
  const effort = pick(body.output_config, "effort");
  if (typeof effort === "string") parameters.effort = effort;
  const format = pick(pick(body.output_config, "format"), "type");
  if (typeof format === "string") parameters.output_format = format;
  return parameters;
}

export function requestAttributes(body: RequestBody, parameters: Record<string, unknown>): Attributes {
  const attributes: Attributes = {};
  if (typeof body.model === "string") attributes["gen_ai.request.model"] = body.model;
  const numeric: [string, unknown][] = [
    ["gen_ai.request.max_tokens", parameters.max_tokens],
    ["gen_ai.request.temperature", parameters.temperature],
    ["gen_ai.request.top_p", parameters.top_p],
    ["gen_ai.request.top_k", parameters.top_k],
  ];
  for (const [key, value] of numeric) if (typeof value === "number") attributes[key] = value;
  const stop = parameters.stop_sequences;
  if (Array.isArray(stop) && stop.every((s) => typeof s === "string")) attributes["gen_ai.request.stop_sequences"] = stop as string[];
  if (body.stream === true) attributes["gen_ai.request.stream"] = true;
  return attributes;
}
