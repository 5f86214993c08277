// Normalises the chat payloads tracehub spans carry (OpenAI and Anthropic
// request/response shapes, or plain text) into the GenAI semantic-conventions
// message form: { role, parts: [{ type: "text", content } | tool_call | …] }.
// Both the GenAI and the OpenInference mappers read messages from here.

export interface ChatPart {
  type: string;
  [field: string]: unknown;
}

/** `name` and `finish_reason` are always present as keys, undefined when absent (JSON leaves them out). */
export interface ChatMessage {
  role: string;
  parts: ChatPart[];
  name?: string | undefined;
  finish_reason?: string | undefined;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Messages of a model request: a message list, `{ messages }`, `{ prompt }` or a plain string. */
export function inputMessages(input: unknown): ChatMessage[] | undefined {
  if (typeof input === "string") return [chatMessage("user", [textPart(input)])];
  const list = Array.isArray(input) ? input : isObj(input) ? (input["messages"] ?? input["prompt"]) : undefined;
  if (typeof list === "string") return [chatMessage("user", [textPart(list)])];
  if (!Array.isArray(list) || !list.every(isMessageLike)) return undefined;
  return list.map((m) => toMessage(m, "user"));
}

/** Anthropic-style `{ system, messages }`: the system instructions as parts. */
export function systemInstructions(input: unknown): ChatPart[] | undefined {
  if (!isObj(input)) return undefined;
  const system = input["system"];
  if (typeof system === "string") return [textPart(system)];
  if (Array.isArray(system)) return system.map(toPart);
  return undefined;
}

/** Messages of a model response: text, a message, a message list, or `{ choices: [{ message, finish_reason }] }`. */
export function outputMessages(output: unknown): ChatMessage[] | undefined {
  if (typeof output === "string") return [chatMessage("assistant", [textPart(output)])];
  if (Array.isArray(output)) return output.every(isMessageLike) ? output.map((m) => toMessage(m, "assistant")) : undefined;
  if (!isObj(output)) return undefined;
  const choices = output["choices"];
  if (Array.isArray(choices)) {
    const messages = choices.filter(isObj).map((choice) => {
      const inner = choice["message"] ?? choice["delta"];
      const reason = choice["finish_reason"];
      const finishReason = typeof reason === "string" ? reason : undefined;
      return isObj(inner)
        ? toMessage(inner, "assistant", finishReason)
        : chatMessage("assistant", [textPart(String(choice["text"] ?? ""))], undefined, finishReason);
    });
    return messages.length > 0 ? messages : undefined;
  }
  if (isMessageLike(output)) {
    const reason = output["stop_reason"] ?? output["finish_reason"];
    return [toMessage(output, "assistant", typeof reason === "string" ? reason : undefined)];
  }
  return undefined;
}

/** Finish reasons of a model response, in choice order. */
export function finishReasons(output: unknown): string[] | undefined {
  if (!isObj(output)) return undefined;
  const choices = output["choices"];
  if (Array.isArray(choices)) {
    const reasons = choices.filter(isObj).map((c) => c["finish_reason"]).filter((r): r is string => typeof r === "string");
    return reasons.length > 0 ? reasons : undefined;
  }
  const reason = output["finish_reason"] ?? output["finishReason"] ?? output["stop_reason"];
  return typeof reason === "string" ? [reason] : undefined;
}

function isMessageLike(value: unknown): value is Obj {
  return isObj(value) && typeof value["role"] === "string";
}

/**
 * Every message is made here, with all four keys in one order: readers see
 * one object shape (property reads stay monomorphic in optimised code), and
 * JsonWriter#chatMessagesAsString writes them in this order.
 */
function chatMessage(role: string, parts: ChatPart[], name?: string, finishReason?: string): ChatMessage {
  return { role, parts, name, finish_reason: finishReason };
}

function toMessage(raw: Obj, defaultRole: string, finishReason?: string): ChatMessage {
  const role = typeof raw["role"] === "string" ? raw["role"] : defaultRole;
  const parts: ChatPart[] = [];
  const content = raw["content"];
  if (role === "tool" && raw["tool_call_id"] !== undefined) {
    parts.push({ type: "tool_call_response", id: raw["tool_call_id"], response: content });
  } else if (typeof content === "string") {
    parts.push(textPart(content));
  } else if (Array.isArray(content)) {
    for (const item of content) parts.push(toPart(item));
  }
  const toolCalls = raw["tool_calls"];
  if (Array.isArray(toolCalls)) {
    for (const call of toolCalls.filter(isObj)) {
      const fn = isObj(call["function"]) ? call["function"] : {};
      parts.push({ type: "tool_call", id: call["id"], name: fn["name"], arguments: parseJson(fn["arguments"]) });
    }
  }
  const name = raw["name"];
  return chatMessage(role, parts, typeof name === "string" ? name : undefined, finishReason);
}

function toPart(item: unknown): ChatPart {
  if (typeof item === "string") return textPart(item);
  if (!isObj(item)) return { type: "unknown", content: item };
  switch (item["type"]) {
    case "text":
    case "input_text":
    case "output_text":
      return textPart(String(item["text"] ?? item["content"] ?? ""));
    case "image_url": {
      const image = item["image_url"];
      return { type: "uri", modality: "image", uri: isObj(image) ? image["url"] : image };
    }
    case "tool_use":
      return { type: "tool_call", id: item["id"], name: item["name"], arguments: item["input"] };
    case "tool_result":
      return { type: "tool_call_response", id: item["tool_use_id"], response: item["content"] };
    case "thinking":
    case "reasoning":
      return { type: "reasoning", content: item["thinking"] ?? item["text"] ?? item["content"] };
    default:
      return { ...item, type: typeof item["type"] === "string" ? item["type"] : "unknown" };
  }
}

/** The only maker of "text" parts: JsonWriter#chatMessagesAsString relies on their exact shape. */
function textPart(content: string): ChatPart {
  return { type: "text", content };
}

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
