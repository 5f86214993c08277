// OpenAI usage objects in core's Usage terms. OpenAI already counts cached
// prompt tokens inside `prompt_tokens`/`input_tokens` and reasoning inside
// `completion_tokens`/`output_tokens`, which is exactly core's contract.
import type { Usage } from "@tracehub/core";

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function detail(value: unknown, key: string): number | undefined {
  return value !== null && typeof value === "object" ? num((value as Record<string, unknown>)[key]) : undefined;
}

function put(usage: Usage, key: string, value: number | undefined): void {
  if (value !== undefined) usage[key] = value;
}

/** Chat/completions (`prompt_tokens`…) or Responses API (`input_tokens`…) usage; undefined when absent. */
export function toUsage(raw: unknown): Usage | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const source = raw as Record<string, unknown>;
  const usage: Usage = {};
  const input = num(source.prompt_tokens) ?? num(source.input_tokens);
  const output = num(source.completion_tokens) ?? num(source.output_tokens);
  put(usage, "input", input);
  put(usage, "output", output);
  put(usage, "total", num(source.total_tokens) ?? (input !== undefined && output !== undefined ? input + output : undefined));
  const inputDetails = source.prompt_tokens_details ?? source.input_tokens_details;
  const outputDetails = source.completion_tokens_details ?? source.output_tokens_details;
  const cached = detail(inputDetails, "cached_tokens");
  if (cached !== undefined && cached > 0) usage.cacheRead = cached;
  const reasoning = detail(outputDetails, "reasoning_tokens");
  if (reasoning !== undefined && reasoning > 0) usage.reasoning = reasoning;
  const inputAudio = detail(inputDetails, "audio_tokens");
  if (inputAudio !== undefined && inputAudio > 0) usage.inputAudio = inputAudio;
  const outputAudio = detail(outputDetails, "audio_tokens");
  if (outputAudio !== undefined && outputAudio > 0) usage.outputAudio = outputAudio;
  return Object.keys(usage).length === 0 ? undefined : usage;
}
