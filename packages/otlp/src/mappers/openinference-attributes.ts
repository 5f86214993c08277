// OpenInference attributes (Arize; Phoenix and Arize read them, Langfuse infers
// observation types from them): span kind, llm.* model, parameters, token
// counts and costs, input/output values with mime types, flattened messages,
// prompt template, session/user/tags/metadata, retrieval and reranker documents.
import type { ReadonlySpan, SpanKind } from "@tracehub/core";
import type { AddAttribute, SpanAttributeMapper } from "./attribute-mapper.js";
import { inputMessages, outputMessages, type ChatMessage } from "./chat-messages.js";
import { jsonText, textOrJson } from "./json-text.js";
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

export function openInferenceAttributeMapper(options: OpenInferenceMapperOptions = {}): SpanAttributeMapper {
  const content = options.content ?? true;
  return (span, add) => {
    add("openinference.span.kind", KIND[span.kind]);
    addModel(span, add);
    addTokenCounts(span, add);
    addCosts(span, add);
    addPrompt(span, add);
    addContext(span, add);
    if (content) addContent(span, add);
  };
}

/** The OpenInference mapper with default options. */
export const openInferenceAttributes: SpanAttributeMapper = openInferenceAttributeMapper();

function addModel(span: ReadonlySpan, add: AddAttribute): void {
  if (span.kind === "embedding") add("embedding.model_name", span.model);
  else if (span.kind === "reranker") add("reranker.model_name", span.model);
  else add("llm.model_name", span.model);
  if (span.provider !== undefined) {
    add("llm.provider", span.provider);
    add("llm.system", span.provider);
  }
  if (span.modelParameters !== undefined) add("llm.invocation_parameters", jsonText(span.modelParameters));
}

function addTokenCounts(span: ReadonlySpan, add: AddAttribute): void {
  const usage = span.usage;
  if (usage === undefined) return;
  add("llm.token_count.prompt", usage.input);
  add("llm.token_count.completion", usage.output);
  const total = usage.total ?? (usage.input !== undefined || usage.output !== undefined ? (usage.input ?? 0) + (usage.output ?? 0) : undefined);
  add("llm.token_count.total", total);
  add("llm.token_count.prompt_details.cache_read", usage.cacheRead);
  add("llm.token_count.prompt_details.cache_write", usage.cacheWrite);
  add("llm.token_count.completion_details.reasoning", usage.reasoning);
}

function addCosts(span: ReadonlySpan, add: AddAttribute): void {
  const cost = span.cost;
  if (cost === undefined) return;
  add("llm.cost.prompt", cost.input);
  add("llm.cost.completion", cost.output);
  add("llm.cost.total", cost.total);
}

function addPrompt(span: ReadonlySpan, add: AddAttribute): void {
  const prompt = span.prompt;
  if (prompt === undefined) return;
  add("llm.prompt_template.template", textOrJson(prompt.template));
  add("llm.prompt_template.version", prompt.version === undefined ? undefined : String(prompt.version));
  add("llm.prompt_template.variables", jsonText(prompt.variables));
}

function addContext(span: ReadonlySpan, add: AddAttribute): void {
  const context = span.context;
  add("session.id", context.sessionId);
  add("user.id", context.userId);
  if (context.tags !== undefined && context.tags.length > 0) add("tag.tags", context.tags);
  if (context.metadata !== undefined) add("metadata", jsonText(context.metadata));
}

function addContent(span: ReadonlySpan, add: AddAttribute): void {
  addValue("input", span.input, add);
  addValue("output", span.output, add);
  if (span.kind === "llm") {
    const input = inputMessages(span.input);
    if (input !== undefined) addMessages("llm.input_messages", input, add);
    const output = outputMessages(span.output);
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

function addValue(field: "input" | "output", value: unknown, add: AddAttribute): void {
  if (value === undefined) return;
  if (typeof value === "string") {
    add(`${field}.value`, value);
    add(`${field}.mime_type`, "text/plain");
  } else {
    add(`${field}.value`, jsonText(value));
    add(`${field}.mime_type`, "application/json");
  }
}

const MESSAGE_FIELDS = ["message.role", "message.name", "message.content", "message.tool_call_id"] as const;
const TOOL_CALL_FIELDS = ["tool_call.id", "tool_call.function.name", "tool_call.function.arguments"] as const;
const MESSAGE_KEYS = {
  "llm.input_messages": indexedKeys("llm.input_messages", MESSAGE_FIELDS),
  "llm.output_messages": indexedKeys("llm.output_messages", MESSAGE_FIELDS),
};

/** `{list}.{i}.message.role|name|content|tool_call_id|tool_calls.{j}.tool_call.*`, text parts joined as content. */
function addMessages(list: keyof typeof MESSAGE_KEYS, messages: readonly ChatMessage[], add: AddAttribute): void {
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
