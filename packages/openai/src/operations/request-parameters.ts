// Model parameters of a request: an allowlist of settings, never content
// (prompts, predictions and tool schemas go to the input, which redaction
// covers; parameters are not redacted). Also the `gen_ai.request.*` attributes.
import type { Attributes } from "@tracehub/core";
import { field, modelAndNumericAttributes, scalarParameters, type RequestBody } from "@tracehub/instrumentation";

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

/** The request's settings that shape the generation, as model parameters. */
export function modelParameters(body: RequestBody): Record<string, unknown> {
  const parameters = scalarParameters(body, SCALAR_PARAMETERS);
  const toolChoice = body.tool_choice;
  if (typeof toolChoice === "string") parameters.tool_choice = toolChoice;
  else if (toolChoice !== undefined && toolChoice !== null) {
    const name = field(field(toolChoice, "function"), "name") ?? field(toolChoice, "name");
    parameters.tool_choice = typeof name === "string" ? `function:${name}` : String(field(toolChoice, "type"));
  }
  const responseFormat = field(body.response_format, "type") ?? field(field(body.text, "format"), "type");
  if (typeof responseFormat === "string") parameters.response_format = responseFormat;
  const effort = field(body.reasoning, "effort");
  if (typeof effort === "string") parameters.reasoning_effort = effort;
  return parameters;
}

/** GenAI semantic-convention request attributes. */
export function requestAttributes(body: RequestBody, parameters: Record<string, unknown>): Attributes {
  const attributes = modelAndNumericAttributes(body, [
    ["gen_ai.request.temperature", parameters.temperature],
    ["gen_ai.request.top_p", parameters.top_p],
    ["gen_ai.request.max_tokens", parameters.max_tokens ?? parameters.max_completion_tokens ?? parameters.max_output_tokens],
    ["gen_ai.request.frequency_penalty", parameters.frequency_penalty],
    ["gen_ai.request.presence_penalty", parameters.presence_penalty],
    ["gen_ai.request.seed", parameters.seed],
    ["gen_ai.request.choice.count", parameters.n],
  ]);
  const stop = parameters.stop;
  if (typeof stop === "string") attributes["gen_ai.request.stop_sequences"] = [stop];
  else if (Array.isArray(stop) && stop.every((s) => typeof s === "string")) attributes["gen_ai.request.stop_sequences"] = stop as string[];
  if (typeof parameters.encoding_format === "string") attributes["gen_ai.request.encoding_formats"] = [parameters.encoding_format];
  if (body.stream === true) attributes["gen_ai.request.stream"] = true;
  if (typeof parameters.response_format === "string") attributes["gen_ai.output.type"] = parameters.response_format;
  return attributes;
}
