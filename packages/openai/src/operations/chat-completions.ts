// `chat.completions.create`: messages in, the assistant message(s) out, tool
// calls included; streamed calls request usage when the caller did not.
import type { SpanHandle } from "@tracehub/core";
import { field, list, type Operation, type RequestBody, type StreamRequest } from "@tracehub/instrumentation";
import { recordResponseMeta } from "./response-meta.js";
import { ChatStreamRecorder } from "./chat-stream.js";

/** Adds `stream_options.include_usage` unless the caller set it; the caller's body is not mutated. */
export function withStreamUsage(body: RequestBody, injectUsage: boolean): StreamRequest {
  const options = body.stream_options;
  const asked = field(options, "include_usage");
  if (!injectUsage || asked !== undefined) return { body, injectedUsage: false };
  const streamOptions = options !== null && typeof options === "object" ? { ...options, include_usage: true } : { include_usage: true };
  return { body: { ...body, stream_options: streamOptions }, injectedUsage: true };
}

export const chatCompletions: Operation = {
  name: "chat",
  kind: "llm",
  path: "/chat/completions",
  input(body: RequestBody): unknown {
    const tools = body.tools ?? body.functions;
    return tools === undefined ? body.messages : { messages: body.messages, tools };
  },
  streamRequest: withStreamUsage,
  recordResponse(span: SpanHandle, data: unknown, captureContent: boolean): void {
    const choices = list(field(data, "choices"));
    recordResponseMeta(span, {
      id: field(data, "id"),
      model: field(data, "model"),
      usage: field(data, "usage"),
      systemFingerprint: field(data, "system_fingerprint"),
      finishReasons: choices.map((choice) => field(choice, "finish_reason") as string | undefined),
    });
    if (captureContent && choices.length > 0) {
      const messages = choices.map((choice) => field(choice, "message"));
      span.setOutput(messages.length === 1 ? messages[0] : messages);
    }
  },
  streamRecorder(request: StreamRequest, span: SpanHandle, captureContent: boolean) {
    return new ChatStreamRecorder(span, request.injectedUsage, captureContent);
  },
};
