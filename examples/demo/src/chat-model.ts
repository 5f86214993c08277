// What the agent needs from a model, so the demo can run the in-process
// simulated model or a real OpenAI-compatible server behind the same calls.
import type { ChatRequest, ChatResponse } from "./simulated-model.js";

export interface ChatModel {
  /** True when the model's client records its own llm/embedding spans (the instrumented OpenAI SDK). */
  readonly tracesItself: boolean;
  readonly description: string;
  chat(request: ChatRequest, onToken?: (token: string) => void): Promise<ChatResponse>;
  embed(texts: string[]): Promise<number[][]>;
}
