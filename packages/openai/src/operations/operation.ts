// One traced SDK method: how its request becomes span fields, how its
// response (or stream) completes them.
import type { SpanHandle, SpanKind } from "@tracehub/core";
import type { ChunkObserver } from "../stream/observe-stream.js";

export type RequestBody = Record<string, unknown>;

/** Gathers a stream's chunks and writes them to the span when it ends. */
export interface StreamRecorder extends Pick<ChunkObserver, "onChunk"> {
  /** True once the model finished every choice (a finish reason arrived), even if the consumer then stopped reading. */
  readonly finished: boolean;
  /** Writes output, usage, ids and finish reasons to the span. */
  finish(span: SpanHandle): void;
}

export interface StreamRequest {
  body: RequestBody;
  /** True when the wrapper added `stream_options.include_usage`: its chunk is hidden from the caller. */
  injectedUsage: boolean;
}

export interface Operation {
  /** `gen_ai.operation.name`. */
  readonly name: "chat" | "text_completion" | "embeddings";
  readonly kind: SpanKind;
  /** Endpoint path suffix, to tell this call's HTTP attempts apart. */
  readonly path: string;
  /** The span's input (messages, prompt…). */
  input(body: RequestBody): unknown;
  /** The body to send for a streamed call (usage requested when the API supports it). Never mutates `body`. */
  streamRequest?(body: RequestBody, injectUsage: boolean): StreamRequest;
  /** Records a non-streamed response body. */
  recordResponse(span: SpanHandle, data: unknown, captureContent: boolean): void;
  /** A recorder for a streamed response. */
  streamRecorder?(request: StreamRequest, span: SpanHandle, captureContent: boolean): StreamRecorder;
}
