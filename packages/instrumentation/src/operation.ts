// One traced SDK method (chat completions, messages, embeddings…): how its
// request becomes span fields, how its response (or stream) completes them.
import type { SpanHandle, SpanKind } from "@tracehub/core";
import type { RequestBody } from "./request-parameters.js";
import type { ChunkObserver } from "./stream/observe-stream.js";

/** Gathers a stream's chunks and writes them to the span when it ends. */
export interface StreamRecorder extends Pick<ChunkObserver, "onChunk"> {
  /** True once the model finished (a finish or stop reason arrived), even if the consumer then stopped reading. */
  readonly finished: boolean;
  /** Writes output, usage, ids and finish reasons to the span. */
  finish(span: SpanHandle): void;
}

export interface StreamRequest {
  body: RequestBody;
  /** True when the wrapper asked for stream usage the caller did not (OpenAI's `stream_options.include_usage`): its chunk is hidden from the caller. */
  injectedUsage: boolean;
}

export interface Operation {
  /** `gen_ai.operation.name` (`chat`, `text_completion`, `embeddings`…). */
  readonly name: string;
  readonly kind: SpanKind;
  /** Endpoint path suffix, to tell this call's HTTP attempts apart. */
  readonly path: string;
  /** The span's input (messages, prompt…). */
  input(body: RequestBody): unknown;
  /** The body to send for a streamed call (usage requested when the API supports it). Never mutates `body`. */
  streamRequest?(body: RequestBody, injectUsage: boolean): StreamRequest;
  /** Records a non-streamed response body. */
  recordResponse(span: SpanHandle, data: unknown, captureContent: boolean): void;
  /** A recorder for a streamed response; an operation without one is traced as non-streamed. */
  streamRecorder?(request: StreamRequest, span: SpanHandle, captureContent: boolean): StreamRecorder;
}
