// OpenInference attributes (Arize; Phoenix and Arize read them, Langfuse infers
// observation types from them): span kind, llm.* model, parameters, token
// counts and costs, input/output values with mime types, flattened messages,
// prompt template, session/user/tags/metadata, retrieval and reranker documents.
import type { ReadonlySpan, SpanKind } from "@tracehub/core";
import type { SpanAttributeMapper } from "./attribute-mapper.js";
import { fixedKeys, withFixedKeys, type KeyedAdd } from "./fixed-keys.js";
import type { ChatMessage } from "./chat-messages.js";
import { spanInputMessages, spanOutputMessages } from "./span-messages.js";
import { textOrJson } from "./json-text.js";
import { asJson, textOrJsonContent } from "./json-content.js";
import { indexedKeys } from "./indexed-keys.js";
import { addDocuments, documentList } from "./retrieval-documents.js";

export interface OpenInferenceMapperOptions {
  /** Record input/output values and messages. Default true (core's redaction applies before). */
  content?: boolean;
}

// OpenInference has no generic kind; its own instrumentations use CHAIN for plain steps.
const KIND: Record<SpanKind, string> = {
  span: "CHAIN",
  llm: "LLM",
  embedding: "EMBEDDING",
  retriever: "RETRIEVER",
  reranker: "RERANKER",
  tool: "TOOL",
  agent: "AGENT",
  chain: "CHAIN",
  guardrail: "GUARDRAIL",
  evaluator: "EVALUATOR",
  event: "CHAIN",
};

const K = fixedKeys({
  spanKind: "openinference.span.kind",
  embeddingModel: "embedding.model_name",
  rerankerModel: "reranker.model_name",
  llmModel: "llm.model_name",
  provider: "llm.provider",
  system: "llm.system",
  invocationParameters: "llm.invocation_parameters",
  promptTokens: "llm.token_count.prompt",
  completionTokens: "llm.token_count.completion",
  totalTokens: "llm.token_count.total",
  cacheReadTokens: "llm.token_count.prompt_details.cache_read",
  cacheWriteTokens: "llm.token_count.prompt_details.cache_write",
  reasoningTokens: "llm.token_count.completion_details.reasoning",
  promptCost: "llm.cost.prompt",
  completionCost: "llm.cost.completion",
  totalCost: "llm.cost.total",
  template: "llm.prompt_template.template",
  templateVersion: "llm.prompt_template.version",
  templateVariables: "llm.prompt_template.variables",
  sessionId: "session.id",
  userId: "user.id",
  tags: "tag.tags",
  metadata: "metadata",
  inputValue: "input.value",
  inputMimeType: "input.mime_type",
  outputValue: "output.value",
  outputMimeType: "output.mime_type",
});

export function openInferenceAttributeMapper(options: OpenInferenceMapperOptions = {}): SpanAttributeMapper {
  const content = options.content ?? true;
  return withFixedKeys((span, add) => {
    add(K.spanKind, KIND[span.kind]);
    addModel(span, add);
    addTokenCounts(span, add);
    addCosts(span, add);
    addPrompt(span, add);
    addContext(span, add);
    if (content) addContent(span, add);
  });
}

/** The OpenInference mapper with default options. */
export const openInferenceAttributes: SpanAttributeMapper = openInferenceAttributeMapper();

function addModel(span: ReadonlySpan, add: KeyedAdd): void {
  if (span.kind === "embedding") add(K.embeddingModel, span.model);
  else if (span.kind === "reranker") add(K.rerankerModel, span.model);
  else add(K.llmModel, span.model);
  if (span.provider !== undefined) {
    add(K.provider, span.provider);
    add(K.system, span.provider);
  }
  if (span.modelParameters !== undefined) add(K.invocationParameters, asJson(span.modelParameters));
}

function addTokenCounts(span: ReadonlySpan, add: KeyedAdd): void {
  const usage = span.usage;
  if (usage === undefined) return;
  add(K.promptTokens, usage.input);
  add(K.completionTokens, usage.output);
  const total = usage.total ?? (usage.input !== undefined || usage.output !== undefined ? (usage.input ?? 0) + (usage.output ?? 0) : undefined);
  add(K.totalTokens, total);
  add(K.cacheReadTokens, usage.cacheRead);
  add(K.cacheWriteTokens, usage.cacheWrite);
  add(K.reasoningTokens, usage.reasoning);
}

function addCosts(span: ReadonlySpan, add: KeyedAdd): void {
  const cost = span.cost;
  if (cost === undefined) return;
  add(K.promptCost, cost.input);
  add(K.completionCost, cost.output);
  add(K.totalCost, cost.total);
}

function addPrompt(span: ReadonlySpan, add: KeyedAdd): void {
  const prompt = span.prompt;
  if (prompt === undefined) return;
  add(K.template, textOrJsonContent(prompt.template));
  add(K.templateVersion, prompt.version === undefined ? undefined : String(prompt.version));
  add(K.templateVariables, asJson(prompt.variables));
}

function addContext(span: ReadonlySpan, add: KeyedAdd): void {
  const context = span.context;
  add(K.sessionId, context.sessionId);
  add(K.userId, context.userId);
  if (context.tags !== undefined && context.tags.length > 0) add(K.tags, context.tags);
  if (context.metadata !== undefined) add(K.metadata, asJson(context.metadata));
}

function addContent(span: ReadonlySpan, add: KeyedAdd): void {
  addValue("input", span.input, add);
  addValue("output", span.output, add);
  if (span.kind === "llm") {
    const input = spanInputMessages(span.input);
    if (input !== undefined) addMessages("llm.input_messages", input, add);
    const output = spanOutputMessages(span.output);
    if (output !== undefined) addMessages("llm.output_messages", output, add);
  } else if (span.kind === "retriever") {
    const docs = documentList(span.output);
    if (docs !== undefined) addDocuments("retrieval.documents", docs, add);
  } else if (span.kind === "reranker") {
    const inputDocs = documentList(span.input);
    if (inputDocs !== undefined) addDocuments("reranker.input_documents", inputDocs, add);
    const outputDocs = documentList(span.output);
    if (outputDocs !== undefined) addDocuments("reranker.output_documents", outputDocs, add);
  }
}

const VALUE_KEYS = {
  input: { value: K.inputValue, mimeType: K.inputMimeType },
  output: { value: K.outputValue, mimeType: K.outputMimeType },
};

function addValue(field: "input" | "output", value: unknown, add: KeyedAdd): void {
  if (value === undefined) return;
  const keys = VALUE_KEYS[field];
  if (typeof value === "string") {
    add(keys.value, value);
    add(keys.mimeType, "text/plain");
  } else {
    add(keys.value, asJson(value));
    add(keys.mimeType, "application/json");
  }
}

const MESSAGE_FIELDS = ["message.role", "message.name", "message.content", "message.tool_call_id"] as const;
const TOOL_CALL_FIELDS = ["tool_call.id", "tool_call.function.name", "tool_call.function.arguments"] as const;
const MESSAGE_KEYS = {
  "llm.input_messages": indexedKeys("llm.input_messages", MESSAGE_FIELDS),
  "llm.output_messages": indexedKeys("llm.output_messages", MESSAGE_FIELDS),
};

/** `{list}.{i}.message.role|name|content|tool_call_id|tool_calls.{j}.tool_call.*`, text parts joined as content. */
function addMessages(list: keyof typeof MESSAGE_KEYS, messages: readonly ChatMessage[], add: KeyedAdd): void {
  const keysAt = MESSAGE_KEYS[list];
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as ChatMessage;
    const keys = keysAt(i);
    add(keys["message.role"], message.role);
    add(keys["message.name"], message.name);
    let text: string | undefined;
    let call = 0;
    for (const part of message.parts) {
      if (part.type === "text" && typeof part["content"] === "string") {
        text = text === undefined ? part["content"] : `${text}\n${part["content"]}`;
      } else if (part.type === "tool_call") {
        // Rare enough that building these keys per call is fine.
        const at = `${list}.${i}.message.tool_calls.${call++}`;
        const callKeys = Object.fromEntries(TOOL_CALL_FIELDS.map((f) => [f, `${at}.${f}`])) as Record<(typeof TOOL_CALL_FIELDS)[number], string>;
        add(callKeys["tool_call.id"], typeof part["id"] === "string" ? part["id"] : undefined);
        add(callKeys["tool_call.function.name"], typeof part["name"] === "string" ? part["name"] : undefined);
        add(callKeys["tool_call.function.arguments"], textOrJson(part["arguments"]));
      } else if (part.type === "tool_call_response") {
        add(keys["message.tool_call_id"], typeof part["id"] === "string" ? part["id"] : undefined);
        text = textOrJson(part["response"]);
      }
    }
    add(keys["message.content"], text);
  }
}
