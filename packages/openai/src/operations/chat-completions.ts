// `chat.completions.create`: messages in, the assistant message(s) out, tool
// calls included; streamed calls request usage when the caller did not.
import type { SpanHandle } from "@tracehub/core";
import { field, type Operation, type RequestBody, type StreamRequest } from "@tracehub/instrumentation";
import { recordChoicesResponse } from "./response-meta.js";
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
    recordChoicesResponse(span, data, captureContent, (choice) => field(choice, "message"));
  },

  streamRecorder(request: StreamRequest, span: SpanHandle, captureContent: boolean) {
    return new ChatStreamRecorder(span, request.injectedUsage, captureContent);
  },
};
