// A streamed Responses API call: the first `*.delta` event is the first token,
// `response.completed|incomplete|failed` carries the whole response (output,
// usage); a stream abandoned before that keeps the text deltas seen so far.
import type { SpanHandle } from "@tracehub/core";
import { field, type StreamRecorder } from "@tracehub/instrumentation";
import { recordResponseMeta } from "./response-meta.js";
import { recordResponseObject } from "./response-object.js";

const FINAL_EVENTS = new Set(["response.completed", "response.incomplete", "response.failed"]);

export class ResponsesStreamRecorder implements StreamRecorder {
  private final: unknown;
  private started: unknown;
  private text = "";
  private sawDelta = false;

  constructor(
    private readonly span: SpanHandle,
    private readonly captureContent: boolean,
  ) {}

  get finished(): boolean {
    return this.final !== undefined;
  }

  onChunk(event: unknown): boolean {
    const type = field(event, "type");
    if (typeof type !== "string") return true;
    if (type.endsWith(".delta")) {
      if (!this.sawDelta) {
        this.sawDelta = true;
        this.span.markFirstToken();
      }
      const delta = field(event, "delta");
      if (type === "response.output_text.delta" && this.captureContent && typeof delta === "string") this.text += delta;
    } else if (FINAL_EVENTS.has(type)) {
      this.final = field(event, "response");
    } else if (type === "response.created") {
      this.started = field(event, "response");
    }
    return true;
  }

  finish(span: SpanHandle): void {
    if (this.final !== undefined) {
      recordResponseObject(span, this.final, this.captureContent);
      return;
    }
    recordResponseMeta(span, { id: field(this.started, "id"), model: field(this.started, "model") });
    if (this.captureContent && this.text !== "") {
      span.setOutput([{ type: "message", role: "assistant", content: [{ type: "output_text", text: this.text }] }]);
    }
  }
}
