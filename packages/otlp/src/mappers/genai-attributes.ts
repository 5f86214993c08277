// OpenTelemetry GenAI semantic conventions (v1.41, gen_ai.* "Development"):
// operation, provider (and the older gen_ai.system), request parameters,
// response id/model/finish reasons, usage with cache and reasoning tokens,
// conversation, agent and tool names, error.type, and opt-in content
// (gen_ai.input.messages / output.messages / system_instructions as JSON).
import type { ReadonlySpan, SpanKind } from "@tracehub/core";
import type { AddAttribute, SpanAttributeMapper } from "./attribute-mapper.js";
import { finishReasons, inputMessages, outputMessages, systemInstructions } from "./chat-messages.js";
import { jsonText, textOrJson } from "./json-text.js";

export interface GenAiMapperOptions {
  /**
   * Record message content (input/output messages, tool arguments and results).
   * Default true: core's hideInputs/hideOutputs and mask already removed what must not leave.
   */
  content?: boolean;
}

const OPERATION_BY_KIND: Partial<Record<SpanKind, string>> = {
  llm: "chat",
  embedding: "embeddings",
  tool: "execute_tool",
  agent: "invoke_agent",
  retriever: "retrieval",
};

/** modelParameters keys (snake and camel case) → gen_ai.request.* attribute. */
const REQUEST_PARAMETERS: readonly (readonly [string, readonly string[]])[] = [
  ["gen_ai.request.temperature", ["temperature"]],
  ["gen_ai.request.max_tokens", ["max_tokens", "maxTokens", "max_completion_tokens", "max_output_tokens", "maxOutputTokens"]],
  ["gen_ai.request.top_p", ["top_p", "topP"]],
  ["gen_ai.request.top_k", ["top_k", "topK"]],
  ["gen_ai.request.frequency_penalty", ["frequency_penalty", "frequencyPenalty"]],
  ["gen_ai.request.presence_penalty", ["presence_penalty", "presencePenalty"]],
  ["gen_ai.request.stop_sequences", ["stop", "stop_sequences", "stopSequences"]],
  ["gen_ai.request.seed", ["seed"]],
  ["gen_ai.request.choice.count", ["n"]],
  ["gen_ai.request.stream", ["stream"]],
];

export function genAiAttributeMapper(options: GenAiMapperOptions = {}): SpanAttributeMapper {
  const content = options.content ?? true;
  return (span, add) => {
    const operation = OPERATION_BY_KIND[span.kind];
    if (operation !== undefined) add("gen_ai.operation.name", operation);
    if (span.provider !== undefined) {
      add("gen_ai.provider.name", span.provider);
      add("gen_ai.system", span.provider); // replaced in v1.37; still what many backends read
    }
    const isModelCall = span.kind === "llm" || span.kind === "embedding";
    if (span.model !== undefined) add("gen_ai.request.model", span.model);
    if (span.modelParameters !== undefined) addRequestParameters(span.modelParameters, add);
    if (isModelCall) addResponse(span, add);
    addUsage(span, add);
    add("gen_ai.conversation.id", span.context.sessionId);
    if (span.kind === "agent") add("gen_ai.agent.name", span.name);
    if (span.kind === "tool") add("gen_ai.tool.name", span.name);
    if (span.status === "error" && span.error !== undefined) add("error.type", span.error.type);
    if (content) addContent(span, add);
  };
}

/** The GenAI mapper with default options. */
export const genAiAttributes: SpanAttributeMapper = genAiAttributeMapper();

function addRequestParameters(parameters: Readonly<Record<string, unknown>>, add: AddAttribute): void {
  for (const [attribute, keys] of REQUEST_PARAMETERS) {
    for (const key of keys) {
      const value = parameters[key];
      if (value === undefined) continue;
      if (attribute === "gen_ai.request.stop_sequences") {
        if (typeof value === "string") add(attribute, [value]);
        else if (Array.isArray(value) && value.every((v) => typeof v === "string")) add(attribute, value as string[]);
      } else if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") {
        add(attribute, value);
      }
      break;
    }
  }
}

function addResponse(span: ReadonlySpan, add: AddAttribute): void {
  const output = span.output;
  if (typeof output === "object" && output !== null && !Array.isArray(output)) {
    const record = output as Record<string, unknown>;
    if (typeof record["id"] === "string") add("gen_ai.response.id", record["id"]);
    if (typeof record["model"] === "string") add("gen_ai.response.model", record["model"]);
  }
  if (span.kind === "llm") add("gen_ai.response.finish_reasons", finishReasons(output));
  add("gen_ai.response.model", span.model);
}

function addUsage(span: ReadonlySpan, add: AddAttribute): void {
  const usage = span.usage;
  if (usage === undefined) return;
  add("gen_ai.usage.input_tokens", usage.input);
  add("gen_ai.usage.output_tokens", usage.output);
  add("gen_ai.usage.cache_read.input_tokens", usage.cacheRead);
  add("gen_ai.usage.cache_creation.input_tokens", usage.cacheWrite);
  add("gen_ai.usage.reasoning.output_tokens", usage.reasoning);
}

function addContent(span: ReadonlySpan, add: AddAttribute): void {
  if (span.kind === "llm") {
    const input = inputMessages(span.input);
    add("gen_ai.input.messages", input === undefined ? undefined : jsonText(input));
    const system = systemInstructions(span.input);
    add("gen_ai.system_instructions", system === undefined ? undefined : jsonText(system));
    const output = outputMessages(span.output);
    add("gen_ai.output.messages", output === undefined ? undefined : jsonText(output));
  } else if (span.kind === "tool") {
    add("gen_ai.tool.call.arguments", textOrJson(span.input));
    add("gen_ai.tool.call.result", textOrJson(span.output));
  }
}
