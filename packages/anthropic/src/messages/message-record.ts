// A messages call's input and its response (a Message, or one rebuilt from a
// stream) written to the span.
import type { SpanHandle } from "@tracehub/core";
import { field, type RequestBody } from "@tracehub/instrumentation";
import { toUsage } from "./anthropic-usage.js";

/** The span's input: the system prompt as a leading system message, then the messages; tools alongside. */
export function messagesInput(body: RequestBody): unknown {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const withSystem = body.system === undefined ? body.messages : [{ role: "system", content: body.system }, ...messages];
  return body.tools === undefined ? withSystem : { messages: withSystem, tools: body.tools };
}

export interface MessageSummary {
  id?: unknown;
  model?: unknown;
  stopReason?: unknown;
  stopSequence?: unknown;
  usage?: unknown;
  content?: unknown;
}

/** Writes id, served model, stop reason, usage and (when captured) the assistant message. */
export function recordMessage(span: SpanHandle, message: MessageSummary, captureContent: boolean): void {
  if (typeof message.id === "string") span.setAttribute("gen_ai.response.id", message.id);
  if (typeof message.model === "string" && message.model !== "") {
    span.setModel(message.model);
    span.setAttribute("gen_ai.response.model", message.model);
  }
  if (typeof message.stopReason === "string") span.setAttribute("gen_ai.response.finish_reasons", [message.stopReason]);
  if (typeof message.stopSequence === "string") span.setAttribute("anthropic.response.stop_sequence", message.stopSequence);
  const usage = toUsage(message.usage);
  if (usage !== undefined) span.setUsage(usage);
  if (Array.isArray(message.content)) {
    const tools = message.content.filter((block) => field(block, "type") === "tool_use").map((block) => String(field(block, "name")));
    if (tools.length > 0) span.setAttribute("gen_ai.response.tool_calls", tools);
    if (captureContent) span.setOutput({ role: "assistant", content: message.content });
  }
  if (message.stopReason === "refusal") {
    span.recordError({ name: "Refusal", message: "the model refused to answer (stop reason refusal)" }, "content_filter");
  }
}

/** A non-streamed Message. */
export function recordMessageResponse(span: SpanHandle, data: unknown, captureContent: boolean): void {
  recordMessage(
    span,
    {
      id: field(data, "id"),
      model: field(data, "model"),
      stopReason: field(data, "stop_reason"),
      stopSequence: field(data, "stop_sequence"),
      usage: field(data, "usage"),
      content: field(data, "content"),
    },
    captureContent,
  );
}
