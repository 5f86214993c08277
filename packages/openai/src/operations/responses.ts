// `responses.create`: instructions and input in, the output items out
// (messages, function calls, reasoning). Usage arrives on the response itself,
// streamed or not, so nothing is injected into the request.
import type { SpanHandle } from "@tracehub/core";
import type { Operation, RequestBody, StreamRecorder, StreamRequest } from "@tracehub/instrumentation";
import { recordResponseObject } from "./response-object.js";
import { ResponsesStreamRecorder } from "./responses-stream.js";

export const responses: Operation = {
  name: "chat",
  kind: "llm",
  path: "/responses",
  input(body: RequestBody): unknown {
    return body.instructions === undefined && body.tools === undefined
      ? body.input
      : { instructions: body.instructions, input: body.input, tools: body.tools };
  },
  streamRequest(body: RequestBody): StreamRequest {
    return { body, injectedUsage: false };
  },
  recordResponse: recordResponseObject,
  streamRecorder(_request: StreamRequest, span: SpanHandle, captureContent: boolean): StreamRecorder {
    return new ResponsesStreamRecorder(span, captureContent);
  },
};
