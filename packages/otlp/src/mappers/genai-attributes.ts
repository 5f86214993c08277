// OpenTelemetry GenAI semantic conventions (v1.41, gen_ai.* "Development"):
// operation, provider (and the older gen_ai.system), request parameters,
// response id/model/finish reasons, usage with cache and reasoning tokens,
// conversation, agent and tool names, error.type, and opt-in content
// (gen_ai.input.messages / output.messages / system_instructions as JSON).
import type { ReadonlySpan, SpanKind } from "@tracehub/core";
import type { SpanAttributeMapper } from "./attribute-mapper.js";
import { fixedKeys, withFixedKeys, type FixedKey, type KeyedAdd } from "./fixed-keys.js";
import { finishReasons, systemInstructions } from "./chat-messages.js";
import { spanInputMessages, spanOutputMessages } from "./span-messages.js";
import { asJson, chatMessagesJson, textOrJsonContent } from "./json-content.js";

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

const K = fixedKeys({
  operation: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  system: "gen_ai.system",
  requestModel: "gen_ai.request.model",
  responseId: "gen_ai.response.id",
  responseModel: "gen_ai.response.model",
  finishReasons: "gen_ai.response.finish_reasons",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  cacheReadTokens: "gen_ai.usage.cache_read.input_tokens",
  cacheCreationTokens: "gen_ai.usage.cache_creation.input_tokens",
  reasoningTokens: "gen_ai.usage.reasoning.output_tokens",
  conversationId: "gen_ai.conversation.id",
  agentName: "gen_ai.agent.name",
  toolName: "gen_ai.tool.name",
  errorType: "error.type",
  inputMessages: "gen_ai.input.messages",
  systemInstructions: "gen_ai.system_instructions",
  outputMessages: "gen_ai.output.messages",
  toolArguments: "gen_ai.tool.call.arguments",
  toolResult: "gen_ai.tool.call.result",
});

const P = fixedKeys({
  temperature: "gen_ai.request.temperature",
  maxTokens: "gen_ai.request.max_tokens",
  topP: "gen_ai.request.top_p",
  topK: "gen_ai.request.top_k",
  frequencyPenalty: "gen_ai.request.frequency_penalty",
  presencePenalty: "gen_ai.request.presence_penalty",
  stopSequences: "gen_ai.request.stop_sequences",
  seed: "gen_ai.request.seed",
  choiceCount: "gen_ai.request.choice.count",
  stream: "gen_ai.request.stream",
});

/** modelParameters keys (snake and camel case) → gen_ai.request.* attribute. */
const REQUEST_PARAMETERS: readonly (readonly [FixedKey, readonly string[]])[] = [
  [P.temperature, ["temperature"]],
  [P.maxTokens, ["max_tokens", "maxTokens", "max_completion_tokens", "max_output_tokens", "maxOutputTokens"]],
  [P.topP, ["top_p", "topP"]],
  [P.topK, ["top_k", "topK"]],
  [P.frequencyPenalty, ["frequency_penalty", "frequencyPenalty"]],
  [P.presencePenalty, ["presence_penalty", "presencePenalty"]],
  [P.stopSequences, ["stop", "stop_sequences", "stopSequences"]],
  [P.seed, ["seed"]],
  [P.choiceCount, ["n"]],
  [P.stream, ["stream"]],
];

export function genAiAttributeMapper(options: GenAiMapperOptions = {}): SpanAttributeMapper {
  const content = options.content ?? true;
  return withFixedKeys((span, add) => {
    const operation = OPERATION_BY_KIND[span.kind];
    if (operation !== undefined) add(K.operation, operation);
    if (span.provider !== undefined) {
      add(K.providerName, span.provider);
      add(K.system, span.provider); // replaced in v1.37; still what many backends read
    }
    const isModelCall = span.kind === "llm" || span.kind === "embedding";
    if (span.model !== undefined) add(K.requestModel, span.model);
    if (span.modelParameters !== undefined) addRequestParameters(span.modelParameters, add);
    if (isModelCall) addResponse(span, add);
    addUsage(span, add);
    add(K.conversationId, span.context.sessionId);
    if (span.kind === "agent") add(K.agentName, span.name);
    if (span.kind === "tool") add(K.toolName, span.name);
    if (span.status === "error" && span.error !== undefined) add(K.errorType, span.error.type);
    if (content) addContent(span, add);
  });
}

/** The GenAI mapper with default options. */
export const genAiAttributes: SpanAttributeMapper = genAiAttributeMapper();

/** Each modelParameters name's attribute slot, and its rank among that attribute's aliases (lower wins). */
const PARAMETER_SLOTS = new Map<string, { slot: number; rank: number }>();
REQUEST_PARAMETERS.forEach(([, names], slot) => names.forEach((name, rank) => PARAMETER_SLOTS.set(name, { slot, rank })));

/** For one call: the chosen alias's value and rank per attribute slot. */
class ParameterChoice {
  readonly values: unknown[] = new Array<unknown>(REQUEST_PARAMETERS.length).fill(undefined);
  readonly ranks: number[] = new Array<number>(REQUEST_PARAMETERS.length).fill(Infinity);

  /** A loop: Array.prototype.fill is a slow runtime call on arrays this small. */
  clear(): void {
    for (let slot = 0; slot < this.values.length; slot++) {
      this.values[slot] = undefined;
      this.ranks[slot] = Infinity;
    }
  }
}

// One choice is kept for reuse; a call made from inside another (a caller's add) makes its own.
let spareChoice: ParameterChoice | undefined = new ParameterChoice();

function addRequestParameters(parameters: Readonly<Record<string, unknown>>, add: KeyedAdd): void {
  const choice = spareChoice ?? new ParameterChoice();
  spareChoice = undefined;
  try {
    // The given names are few: look each up, rather than probing the object for every alias
    // (a miss on a varying key is a slow generic lookup in optimised code).
    let found = false;
    for (const name in parameters) {
      const spec = PARAMETER_SLOTS.get(name);
      if (spec === undefined) continue;
      const value = parameters[name];
      if (value === undefined || spec.rank >= (choice.ranks[spec.slot] as number)) continue;
      choice.values[spec.slot] = value;
      choice.ranks[spec.slot] = spec.rank;
      found = true;
    }
    if (found) addChosenParameters(choice.values, add);
  } finally {
    // Cleared even when a getter or a caller's add throws, so nothing leaks into the next span.
    choice.clear();
    spareChoice = choice;
  }
}

/** The chosen values, in REQUEST_PARAMETERS order whatever the order of the given names. */
function addChosenParameters(values: readonly unknown[], add: KeyedAdd): void {
  for (let slot = 0; slot < values.length; slot++) {
    const value = values[slot];
    if (value === undefined) continue;
    const attribute = (REQUEST_PARAMETERS[slot] as readonly [FixedKey, readonly string[]])[0];
    if (attribute === P.stopSequences) {
      if (typeof value === "string") add(attribute, [value]);
      else if (Array.isArray(value) && value.every((v) => typeof v === "string")) add(attribute, value as string[]);
    } else if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") {
      add(attribute, value);
    }
  }
}

function addResponse(span: ReadonlySpan, add: KeyedAdd): void {
  const output = span.output;
  if (typeof output === "object" && output !== null && !Array.isArray(output)) {
    const record = output as Record<string, unknown>;
    if (typeof record["id"] === "string") add(K.responseId, record["id"]);
    if (typeof record["model"] === "string") add(K.responseModel, record["model"]);
  }
  if (span.kind === "llm") add(K.finishReasons, finishReasons(output));
  add(K.responseModel, span.model);
}

function addUsage(span: ReadonlySpan, add: KeyedAdd): void {
  const usage = span.usage;
  if (usage === undefined) return;
  add(K.inputTokens, usage.input);
  add(K.outputTokens, usage.output);
  add(K.cacheReadTokens, usage.cacheRead);
  add(K.cacheCreationTokens, usage.cacheWrite);
  add(K.reasoningTokens, usage.reasoning);
}

function addContent(span: ReadonlySpan, add: KeyedAdd): void {
  if (span.kind === "llm") {
    const input = spanInputMessages(span.input);
    add(K.inputMessages, chatMessagesJson(input));
    const system = systemInstructions(span.input);
    add(K.systemInstructions, asJson(system));
    const output = spanOutputMessages(span.output);
    add(K.outputMessages, chatMessagesJson(output));
  } else if (span.kind === "tool") {
    add(K.toolArguments, textOrJsonContent(span.input));
    add(K.toolResult, textOrJsonContent(span.output));
  }
}
