// A real model behind the demo's ChatModel: the official `openai` client,
// instrumented by @tracehub/openai, against OpenAI or any OpenAI-compatible
// server (llama-server, vLLM, Ollama, OpenRouter…) named by OPENAI_BASE_URL.
import OpenAI from "openai";
import type { Hub } from "@tracehub/core";
import { instrumentOpenAI } from "@tracehub/openai";
import type { ChatModel } from "./chat-model.js";
import { countTokens, type ChatRequest, type ChatResponse } from "./simulated-model.js";

export function openAIModelFromEnv(hub: Hub, env: NodeJS.ProcessEnv): ChatModel | undefined {
  if (env.OPENAI_BASE_URL === undefined && env.OPENAI_API_KEY === undefined) return undefined;
  // Local servers need no key, but the client insists on one.
  const client = instrumentOpenAI(new OpenAI({ apiKey: env.OPENAI_API_KEY ?? "not-needed", baseURL: env.OPENAI_BASE_URL, maxRetries: 2 }), { hub });
  const chatModel = env.OPENAI_MODEL ?? "gpt-4o-mini";
  const embeddingModel = env.OPENAI_EMBEDDING_MODEL ?? "text-embedding-3-small";
  return {
    tracesItself: true,
    description: `${chatModel} at ${client.baseURL}`,
    async chat(request: ChatRequest, onToken?: (token: string) => void): Promise<ChatResponse> {
      const stream = await client.chat.completions.create({
        model: chatModel,
        messages: request.messages.map((m) => ({ role: m.role === "tool" ? "user" : m.role, content: m.content })),
        temperature: request.temperature,
        max_tokens: request.maxTokens,
        stream: true,
      });
      let content = "";
      let id = "";
      let model = chatModel;
      for await (const chunk of stream) {
        id = chunk.id;
        model = chunk.model;
        const delta = chunk.choices[0]?.delta?.content ?? "";
        if (delta !== "") {
          onToken?.(delta);
          content += delta;
        }
      }
      const promptText = request.messages.map((m) => m.content).join("\n");
      return {
        id,
        model,
        content,
        finishReason: "stop",
        // The instrumentation records the server's own usage on its span; these are only the demo's estimates.
        usage: { promptTokens: countTokens(promptText), completionTokens: countTokens(content), cachedTokens: 0 },
        rateLimit: { limitRequests: 0, remainingRequests: 0, resetRequestsMs: 0 },
      };
    },
    async embed(texts: string[]): Promise<number[][]> {
      try {
        const response = await client.embeddings.create({ model: embeddingModel, input: texts });
        return response.data.map((item) => item.embedding);
      } catch {
        // Many local chat servers have no embeddings endpoint: fall back to the demo's keyword-only signal.
        return texts.map(() => []);
      }
    },
  };
}
