// Reassembles a streamed chat completion: text, refusal and reasoning deltas
// per choice, tool-call deltas by index (id and name arrive first, arguments
// in pieces), finish reasons, and the usage of the last chunk. When the
// wrapper requested that usage, the usage-only chunk is hidden from the
// caller and the `usage: null` OpenAI then puts on every other chunk is
// removed, so the caller's loop sees what it would have seen without us.
import type { SpanHandle } from "@tracehub/core";
import { field, type StreamRecorder } from "@tracehub/instrumentation";
import { recordResponseMeta } from "./response-meta.js";

interface ToolCallState {
  id?: string;
  type: string;
  name: string;
  arguments: string;
}

interface ChoiceState {
  role: string;
  content: string;
  refusal: string;
  reasoning: string;
  toolCalls: ToolCallState[];
  finishReason?: string;
}

export class ChatStreamRecorder implements StreamRecorder {
  private readonly choices: ChoiceState[] = [];
  private id: unknown;
  private model: unknown;
  private fingerprint: unknown;
  private usage: unknown;
  private sawContent = false;

  constructor(
    private readonly span: SpanHandle,
    private readonly injectedUsage: boolean,
    private readonly captureContent: boolean,
  ) {}

  get finished(): boolean {
    return this.choices.length > 0 && this.choices.every((choice) => choice === undefined || choice.finishReason !== undefined);
  }

  onChunk(chunk: unknown): boolean {
    const record = chunk as Record<string, unknown>;
    if (record === null || typeof record !== "object") return true;
    this.id ??= record.id;
    if (typeof record.model === "string" && record.model !== "") this.model = record.model;
    this.fingerprint ??= record.system_fingerprint;
    const choices = record.choices;
    if (Array.isArray(choices)) for (const choice of choices) this.onChoice(choice as Record<string, unknown>);
    const usage = record.usage;
    if (usage !== null && usage !== undefined) this.usage = usage;
    if (this.injectedUsage) {
      if (usage !== null && usage !== undefined && (!Array.isArray(choices) || choices.length === 0)) return false;
      if (usage === null) delete record.usage;
    }
    return true;
  }

  private onChoice(choice: Record<string, unknown>): void {
    if (choice === null || typeof choice !== "object") return;
    const index = typeof choice.index === "number" ? choice.index : 0;
    const state = (this.choices[index] ??= { role: "assistant", content: "", refusal: "", reasoning: "", toolCalls: [] });
    const delta = choice.delta as Record<string, unknown> | undefined;
    if (delta !== null && typeof delta === "object") {
      if (typeof delta.role === "string") state.role = delta.role;
      this.text(state, "content", delta.content);
      this.text(state, "refusal", delta.refusal);
      this.text(state, "reasoning", delta.reasoning_content ?? delta.reasoning);
      if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls) this.onToolCall(state, call);
      const legacy = delta.function_call;
      if (legacy !== null && typeof legacy === "object") this.onToolCall(state, { index: 0, function: legacy });
    }
    if (typeof choice.finish_reason === "string") state.finishReason = choice.finish_reason;
  }

  private text(state: ChoiceState, key: "content" | "refusal" | "reasoning", value: unknown): void {
    if (typeof value !== "string" || value === "") return;
    this.firstToken();
    if (this.captureContent) state[key] += value;
  }

  private onToolCall(state: ChoiceState, call: unknown): void {
    this.firstToken();
    const index = typeof field(call, "index") === "number" ? (field(call, "index") as number) : state.toolCalls.length;
    const tool = (state.toolCalls[index] ??= { type: "function", name: "", arguments: "" });
    const id = field(call, "id");
    if (typeof id === "string" && id !== "") tool.id = id;
    const type = field(call, "type");
    if (typeof type === "string") tool.type = type;
    const fn = field(call, "function");
    const name = field(fn, "name");
    if (typeof name === "string" && name !== "") tool.name = name;
    const args = field(fn, "arguments");
    if (typeof args === "string" && this.captureContent) tool.arguments += args;
  }

  private firstToken(): void {
    if (this.sawContent) return;
    this.sawContent = true;
    this.span.markFirstToken();
  }

  finish(span: SpanHandle): void {
    const choices = this.choices.filter((choice): choice is ChoiceState => choice !== undefined);
    recordResponseMeta(span, {
      id: this.id,
      model: this.model,
      usage: this.usage,
      systemFingerprint: this.fingerprint,
      finishReasons: choices.map((choice) => choice.finishReason),
    });
    const toolNames = choices.flatMap((choice) => choice.toolCalls.filter(Boolean).map((tool) => tool.name));
    if (toolNames.length > 0) span.setAttribute("gen_ai.response.tool_calls", toolNames);
    if (!this.captureContent || choices.length === 0) return;
    const messages = choices.map(toMessage);
    span.setOutput(messages.length === 1 ? messages[0] : messages);
  }
}

/** The streamed choice in the shape of a non-streamed `choices[i].message`. */
function toMessage(choice: ChoiceState): Record<string, unknown> {
  const message: Record<string, unknown> = { role: choice.role, content: choice.content === "" && choice.toolCalls.length > 0 ? null : choice.content };
  if (choice.refusal !== "") message.refusal = choice.refusal;
  if (choice.reasoning !== "") message.reasoning_content = choice.reasoning;
  const calls = choice.toolCalls.filter(Boolean);
  if (calls.length > 0) {
    message.tool_calls = calls.map((call) => ({
      id: call.id,
      type: call.type,
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return message;
}
