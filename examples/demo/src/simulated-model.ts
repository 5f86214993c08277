// An in-process stand-in for a hosted LLM, so the demo runs offline: it answers
// after a realistic delay, streams tokens, reports token usage and rate-limit
// headers, and can be told to fail the way real APIs fail.

import type { ChatModel } from "./chat-model.js";

export interface ChatRequest {
  model: string;
  messages: { role: "system" | "user" | "assistant" | "tool"; content: string }[];
  temperature?: number;
  maxTokens?: number;
}

export interface ChatResponse {
  id: string;
  model: string;
  content: string;
  finishReason: "stop" | "tool_calls";
  usage: { promptTokens: number; completionTokens: number; cachedTokens: number };
  rateLimit: { limitRequests: number; remainingRequests: number; resetRequestsMs: number };
}

export class RateLimitError extends Error {
  override readonly name = "RateLimitError";
  readonly status = 429;
  constructor(readonly retryAfterMs: number) {
    super(`Rate limit reached for requests. Please try again in ${retryAfterMs}ms.`);
  }
}

export class ToolTimeoutError extends Error {
  override readonly name = "TimeoutError";
  readonly code = "ETIMEDOUT";
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rough token count: about four characters a token, like the vendors' tokenizers on English text. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export class SimulatedModel implements ChatModel {
  readonly tracesItself = false;
  readonly description = "simulated in-process model";
  private calls = 0;
  private remaining = 500;

  /** Fail the call numbered `n` (1-based) with a 429, as a busy API would. */
  constructor(private readonly rateLimitOnCall?: number) {}

  async chat(request: ChatRequest, onToken?: (token: string) => void): Promise<ChatResponse> {
    this.calls++;
    await sleep(15);
    if (this.calls === this.rateLimitOnCall) throw new RateLimitError(40);
    const prompt = request.messages.map((m) => m.content).join("\n");
    const content = answerFor(prompt);
    for (const token of content.split(/(?<= )/)) {
      await sleep(2);
      onToken?.(token);
    }
    this.remaining--;
    return {
      id: `chatcmpl-sim-${this.calls}`,
      model: `${request.model}-2024-07-18`,
      content,
      finishReason: "stop",
      usage: { promptTokens: countTokens(prompt), completionTokens: countTokens(content), cachedTokens: prompt.length > 800 ? 256 : 0 },
      rateLimit: { limitRequests: 500, remainingRequests: this.remaining, resetRequestsMs: 120 },
    };
  }

  async embed(texts: string[]): Promise<number[][]> {
    await sleep(8);
    return texts.map((text) => Array.from({ length: 8 }, (_, i) => Math.sin(text.length + i)));
  }
}

function answerFor(prompt: string): string {
  if (prompt.includes("Classify")) return "intent=factual_question; needs_retrieval=true";
  return (
    "Retrieval-augmented generation grounds a model's answer in documents fetched at query time: " +
    "the retriever finds relevant passages, a reranker orders them, and the model cites them."
  );
}
