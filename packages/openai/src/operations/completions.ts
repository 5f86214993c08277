// Legacy `completions.create`: a prompt in, completion text(s) out; streamed
// calls request usage like chat completions and hide its chunk the same way.
import type { SpanHandle } from "@tracehub/core";
import { field, list, type Operation, type RequestBody, type StreamRecorder, type StreamRequest } from "@tracehub/instrumentation";
import { recordChoicesResponse, recordResponseMeta } from "./response-meta.js";
import { withStreamUsage } from "./chat-completions.js";

class CompletionStreamRecorder implements StreamRecorder {
  private readonly texts: string[] = [];
  private readonly reasons: (string | undefined)[] = [];
  private id: unknown;
  private model: unknown;
  private usage: unknown;
  private sawText = false;

  constructor(
    private readonly span: SpanHandle,
    private readonly injectedUsage: boolean,
    private readonly captureContent: boolean,
  ) {}

  get finished(): boolean {
    return this.reasons.length > 0 && this.reasons.every((reason) => reason !== undefined);
  }

  onChunk(chunk: unknown): boolean {
    const record = chunk as Record<string, unknown>;
    if (record === null || typeof record !== "object") return true;
    this.id ??= record.id;
    if (typeof record.model === "string") this.model = record.model;
    const choices = list(record.choices);
    for (const choice of choices) {
      const index = typeof field(choice, "index") === "number" ? (field(choice, "index") as number) : 0;
      const text = field(choice, "text");
      if (typeof text === "string" && text !== "") {
        if (!this.sawText) {
          this.sawText = true;
          this.span.markFirstToken();
        }
        if (this.captureContent) this.texts[index] = (this.texts[index] ?? "") + text;
      }
      this.reasons[index] ??= undefined;
      const reason = field(choice, "finish_reason");
      if (typeof reason === "string") this.reasons[index] = reason;
    }
    const usage = record.usage;
    if (usage !== null && usage !== undefined) this.usage = usage;
    if (this.injectedUsage) {
      if (usage !== null && usage !== undefined && choices.length === 0) return false;
      if (usage === null) delete record.usage;
    }
    return true;
  }

  finish(span: SpanHandle): void {
    recordResponseMeta(span, { id: this.id, model: this.model, usage: this.usage, finishReasons: this.reasons });
    if (this.captureContent && this.texts.length > 0) {
      const texts = Array.from(this.texts, (text) => text ?? "");
      span.setOutput(texts.length === 1 ? texts[0] : texts);
    }
  }
}

export const completions: Operation = {
  name: "text_completion",
  kind: "llm",
  path: "/completions",
  input(body: RequestBody): unknown {
    return body.prompt;
  },
  streamRequest: withStreamUsage,
  recordResponse(span: SpanHandle, data: unknown, captureContent: boolean): void {
    recordChoicesResponse(span, data, captureContent, (choice) => field(choice, "text"));
  },

  streamRecorder(request: StreamRequest, span: SpanHandle, captureContent: boolean): StreamRecorder {
    return new CompletionStreamRecorder(span, request.injectedUsage, captureContent);
  },
};
