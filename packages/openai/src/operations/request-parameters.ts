// Model parameters of a request: an allowlist of settings, never content
// (prompts, predictions and tool schemas go to the input, which redaction
// covers; parameters are not redacted). Also the `gen_ai.request.*` attributes.
import type { Attributes } from "@tracehub/core";
import type { RequestBody } from "./operation.js";

const SCALAR_PARAMETERS = [
  "temperature",
  "top_p",
  "max_tokens",
  "max_completion_tokens",
  "max_output_tokens",
  "frequency_penalty",
  "presence_penalty",
  "seed",
  "stop",
  "n",
  "best_of",
  "logprobs",
  "top_logprobs",
  "parallel_tool_calls",
  "reasoning_effort",
  "service_tier",
  "store",
  "stream",
  "dimensions",
  "encoding_format",
  "truncation",
  "verbosity",
  "modalities",
  "echo",
] as const;

function isPrimitive(value: unknown): boolean {
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean";
}

function pick(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

/** The request's settings that shape the generation, as model parameters. */
export function modelParameters(body: RequestBody): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const key of SCALAR_PARAMETERS) {
    const value = body[key];
    if (isPrimitive(value) || (Array.isArray(value) && value.every(isPrimitive))) parameters[key] = value;
  }
  const toolChoice = body.tool_choice;
  if (typeof toolChoice === "string") parameters.tool_choice = toolChoice;
  else if (toolChoice !== undefined && toolChoice !== null) {
    const name = pick(pick(toolChoice, "function"), "name") ?? pick(toolChoice, "name");
    parameters.tool_choice = typeof name === "string" ? `function:${name}` : String(pick(toolChoice, "type"));
  }
  const responseFormat = pick(body.response_format, "type") ?? pick(pick(body.text, "format"), "type");
  if (typeof responseFormat === "string") parameters.response_format = responseFormat;
  const effort = pick(body.reasoning, "effort");
  if (typeof effort === "string") parameters.reasoning_effort = effort;
  return parameters;
}

/** GenAI semantic-convention request attributes. */
export function requestAttributes(body: RequestBody, parameters: Record<string, unknown>): Attributes {
  const attributes: Attributes = {};
  if (typeof body.model === "string") attributes["gen_ai.request.model"] = body.model;
  const numeric: [string, unknown][] = [
    ["gen_ai.request.temperature", parameters.temperature],
    ["gen_ai.request.top_p", parameters.top_p],
    ["gen_ai.request.max_tokens", parameters.max_tokens ?? parameters.max_completion_tokens ?? parameters.max_output_tokens],
    ["gen_ai.request.frequency_penalty", parameters.frequency_penalty],
    ["gen_ai.request.presence_penalty", parameters.presence_penalty],
    ["gen_ai.request.seed", parameters.seed],
    ["gen_ai.request.choice.count", parameters.n],
  ];
  for (const [key, value] of numeric) if (typeof value === "number") attributes[key] = value;
  const stop = parameters.stop;
  if (typeof stop === "string") attributes["gen_ai.request.stop_sequences"] = [stop];
  else if (Array.isArray(stop) && stop.every((s) => typeof s === "string")) attributes["gen_ai.request.stop_sequences"] = stop as string[];
  if (typeof parameters.encoding_format === "string") attributes["gen_ai.request.encoding_formats"] = [parameters.encoding_format];
  if (body.stream === true) attributes["gen_ai.request.stream"] = true;
  if (typeof parameters.response_format === "string") attributes["gen_ai.output.type"] = parameters.response_format;
  return attributes;
}
