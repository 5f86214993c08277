// `messages.create`, streamed or not: the system prompt and messages in, the
// assistant message out (rebuilt from the events of a stream).
import type { SpanHandle } from "@tracehub/core";
import type { Operation, StreamRecorder } from "@tracehub/instrumentation";
import { messagesInput, recordMessageResponse } from "./message-record.js";
import { MessagesStreamRecorder } from "./messages-stream.js";

export const messages: Operation = {
  name: "chat",
  kind: "llm",
  path: "/v1/messages",
  input: messagesInput,
  recordResponse: recordMessageResponse,
  streamRecorder(_request, span: SpanHandle, captureContent: boolean): StreamRecorder {
    return new MessagesStreamRecorder(span, captureContent);
  },
};
