// Rebuilds a streamed message from its events: message_start (id, model,
// prompt usage), content blocks (text, tool_use with its JSON input arriving
// as partial_json pieces, thinking), message_delta (stop reason, cumulative
// usage). An abandoned stream keeps the blocks received so far.
import type { SpanHandle } from "@tracehub/core";
import { field, type StreamRecorder } from "@tracehub/instrumentation";
import { mergeUsage } from "./anthropic-usage.js";
import { recordMessage } from "./message-record.js";

interface Block {
  value: Record<string, unknown>;
  /** Pieces of a tool_use input, parsed when the block is written. */
  json?: string;
}

export class MessagesStreamRecorder implements StreamRecorder {
  private id: unknown;
  private model: unknown;
  private usage: unknown;
  private stopReason: unknown;
  private stopSequence: unknown;
  private readonly blocks: Block[] = [];
  private sawDelta = false;

  constructor(
    private readonly span: SpanHandle,
    private readonly captureContent: boolean,
  ) {}

  /** The model finished when a stop reason arrived, even if the consumer stopped reading right after. */
  get finished(): boolean {
    return this.stopReason !== undefined && this.stopReason !== null;
  }

  onChunk(event: unknown): boolean {
    switch (field(event, "type")) {
      case "message_start": {
        const message = field(event, "message");
        this.id = field(message, "id");
        this.model = field(message, "model");
        this.usage = field(message, "usage");
        break;
      }
      case "content_block_start": {
        const block = field(event, "content_block");
        const index = field(event, "index");
        if (typeof index === "number" && block !== null && typeof block === "object") {
          this.blocks[index] = { value: { ...(block as Record<string, unknown>) } };
          if (field(block, "type") === "tool_use" || field(block, "type") === "server_tool_use") this.firstToken();
        }
        break;
      }
      case "content_block_delta":
        this.onDelta(field(event, "index"), field(event, "delta"));
        break;
      case "message_delta": {
        const delta = field(event, "delta");
        this.stopReason = field(delta, "stop_reason") ?? this.stopReason;
        this.stopSequence = field(delta, "stop_sequence") ?? this.stopSequence;
        this.usage = mergeUsage(this.usage, field(event, "usage"));
        break;
      }
    }
    return true;
  }

  private onDelta(index: unknown, delta: unknown): void {
    this.firstToken();
    if (!this.captureContent || typeof index !== "number") return;
    const block = this.blocks[index];
    if (block === undefined) return;
    const text = field(delta, "text");
    const json = field(delta, "partial_json");
    const thinking = field(delta, "thinking");
    const signature = field(delta, "signature");
    if (typeof text === "string") block.value.text = String(block.value.text ?? "") + text;
    else if (typeof json === "string") block.json = (block.json ?? "") + json;
    else if (typeof thinking === "string") block.value.thinking = String(block.value.thinking ?? "") + thinking;
    else if (typeof signature === "string") block.value.signature = signature;
  }

  private firstToken(): void {
    if (this.sawDelta) return;
    this.sawDelta = true;
    this.span.markFirstToken();
  }

  finish(span: SpanHandle): void {
    const content = this.blocks.filter((block): block is Block => block !== undefined).map(toContentBlock);
    recordMessage(
      span,
      { id: this.id, model: this.model, stopReason: this.stopReason, stopSequence: this.stopSequence, usage: this.usage, content },
      this.captureContent,
    );
  }
}

function toContentBlock(block: Block): Record<string, unknown> {
  if (block.json === undefined) return block.value;
  let input: unknown = block.json;
  try {
    input = block.json === "" ? {} : JSON.parse(block.json);
  } catch {
    // an input cut off by an abandoned stream stays the raw text
  }
  return { ...block.value, input };
}
