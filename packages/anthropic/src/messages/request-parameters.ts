// Model parameters of a messages request: an allowlist of settings, never
// content (system prompt, messages and tool schemas go to the input, which
// redaction covers). Also the `gen_ai.request.*` attributes.
import type { Attributes } from "@tracehub/core";
import { field, modelAndNumericAttributes, scalarParameters, type RequestBody } from "@tracehub/instrumentation";

// temperature/top_p/top_k: SDKs before 1.x (and the API for older models) still take them.
const SCALAR_PARAMETERS = ["max_tokens", "temperature", "top_p", "top_k", "stop_sequences", "stream", "service_tier", "speed", "inference_geo"] as const;

export function modelParameters(body: RequestBody): Record<string, unknown> {
  const parameters = scalarParameters(body, SCALAR_PARAMETERS);
  const toolChoice = body.tool_choice;
  const choiceType = field(toolChoice, "type");
  if (typeof choiceType === "string") {
    const name = field(toolChoice, "name");
    parameters.tool_choice = typeof name === "string" ? `${choiceType}:${name}` : choiceType;
  }
  const thinking = body.thinking;
  const thinkingType = field(thinking, "type");
  if (typeof thinkingType === "string") parameters.thinking = thinkingType;
  const budget = field(thinking, "budget_tokens");
  if (typeof budget === "number") parameters.thinking_budget_tokens = budget;
  const effort = field(body.output_config, "effort");
  if (typeof effort === "string") parameters.effort = effort;
  const format = field(field(body.output_config, "format"), "type");
  if (typeof format === "string") parameters.output_format = format;
  return parameters;
}

export function requestAttributes(body: RequestBody, parameters: Record<string, unknown>): Attributes {
  const attributes = modelAndNumericAttributes(body, [
    ["gen_ai.request.max_tokens", parameters.max_tokens],
    ["gen_ai.request.temperature", parameters.temperature],
    ["gen_ai.request.top_p", parameters.top_p],
    ["gen_ai.request.top_k", parameters.top_k],
  ]);
  const stop = parameters.stop_sequences;
  if (Array.isArray(stop) && stop.every((s) => typeof s === "string")) attributes["gen_ai.request.stop_sequences"] = stop as string[];
  if (body.stream === true) attributes["gen_ai.request.stream"] = true;
  return attributes;
}
