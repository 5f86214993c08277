// The traced pipeline: a RAG agent that analyses the query, searches a vector
// and a keyword index in parallel, reranks, generates an answer (retrying once
// after a rate-limit error), calls a tool, and survives a tool that times out.
import type { Hub, SpanHandle } from "@tracehub/core";
import { keywordSearch, rerank, vectorSearch, type Document } from "./knowledge-base.js";
import type { ChatModel } from "./chat-model.js";
import { RateLimitError, ToolTimeoutError, type ChatRequest, type ChatResponse } from "./simulated-model.js";

const CHAT_MODEL = "gpt-4o-mini";
const EMBEDDING_MODEL = "text-embedding-3-small";

export interface AgentAnswer {
  answer: string;
  sources: string[];
  traceId: string;
}

async function chat(hub: Hub, model: ChatModel, name: string, request: ChatRequest): Promise<string> {
  if (model.tracesItself) {
    // The instrumented client records the llm span (model, usage, rate limits, retries) itself.
    return hub.span(name, { kind: "chain", input: request.messages }, async (span) => {
      const response = await model.chat(request);
      span.setOutput(response.content);
      return response.content;
    });
  }
  return hub.span(name, { kind: "llm", model: request.model, provider: "openai", input: request.messages }, async (span) => {
    span.setModelParameters({ temperature: request.temperature ?? 1, max_tokens: request.maxTokens ?? 512 });
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await model.chat(request, () => span.markFirstToken());
        recordResponse(span, response);
        if (attempt > 0) span.setRetryCount(attempt);
        return response.content;
      } catch (error) {
        if (!(error instanceof RateLimitError) || attempt >= 2) throw error;
        span.addEvent("retry", { "retry.attempt": attempt + 1, "retry.after_ms": error.retryAfterMs, "error.type": error.name });
        await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs));
      }
    }
  });
}

function recordResponse(span: SpanHandle, response: ChatResponse): void {
  span.setModel(response.model);
  span.setOutput({ role: "assistant", content: response.content });
  span.setAttributes({ "gen_ai.response.id": response.id, "gen_ai.response.finish_reasons": [response.finishReason] });
  span.setUsage({
    input: response.usage.promptTokens,
    output: response.usage.completionTokens,
    total: response.usage.promptTokens + response.usage.completionTokens,
    cacheRead: response.usage.cachedTokens,
  });
  span.setRateLimit({
    requests: {
      limit: response.rateLimit.limitRequests,
      remaining: response.rateLimit.remainingRequests,
      resetAt: Date.now() + response.rateLimit.resetRequestsMs,
    },
  });
}

async function retrieve(hub: Hub, model: ChatModel, query: string): Promise<Document[]> {
  const [vectorDocs, keywordDocs] = await Promise.all([
    hub.span("vector-search", { kind: "retriever", input: { query, k: 4 } }, async (span) => {
      const embedding = model.tracesItself
        ? ((await model.embed([query]))[0] ?? [])
        : await hub.span("embed-query", { kind: "embedding", model: EMBEDDING_MODEL, provider: "openai", input: query }, async (embed) => {
            const [vector] = await model.embed([query]);
            embed.setUsage({ input: Math.ceil(query.length / 4) });
            embed.setAttribute("embedding.dimensions", vector!.length);
            return vector!;
          });
      const docs = await vectorSearch(query, embedding, 4);
      span.setOutput(docs);
      return docs;
    }),
    hub.span("keyword-search", { kind: "retriever", input: { query, k: 4 } }, async (span) => {
      const docs = await keywordSearch(query, 4);
      span.setOutput(docs);
      return docs;
    }),
  ]);
  return hub.span("rerank", { kind: "reranker", input: { query, candidates: vectorDocs.length + keywordDocs.length } }, async (span) => {
    const top = await rerank(query, [...vectorDocs, ...keywordDocs], 3);
    span.setOutput(top);
    return top;
  });
}

async function convertCurrency(hub: Hub, amountUsd: number): Promise<number> {
  return hub.span("currency-convert", { kind: "tool", input: { amountUsd, to: "EUR" } }, async (span) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const eur = Number((amountUsd * 0.92).toFixed(4));
    span.setOutput({ eur });
    return eur;
  });
}

async function webSearch(hub: Hub, query: string): Promise<string[]> {
  return hub.span("web-search", { kind: "tool", input: { query } }, async (span) => {
    span.setTimeoutMs(30);
    await new Promise((resolve) => setTimeout(resolve, 30));
    throw new ToolTimeoutError("web-search did not answer within 30ms");
  });
}

/** Answers one question; every step is a span in one trace. */
export async function answerQuestion(hub: Hub, model: ChatModel, question: string, user: { userId: string; sessionId: string }): Promise<AgentAnswer> {
  return hub.trace("rag-agent", { kind: "agent", input: { question }, ...user, tags: ["demo", "rag"], metadata: { pipeline: "hybrid-rag" } }, async (root) => {
    await chat(hub, model, "analyze-query", {
      model: CHAT_MODEL,
      temperature: 0,
      maxTokens: 32,
      messages: [{ role: "user", content: `Classify the intent of: ${question}` }],
    });
    const docs = await retrieve(hub, model, question);
    const context = docs.map((doc) => `[${doc.id}] ${doc.content}`).join("\n");
    const answer = await chat(hub, model, "generate-answer", {
      model: CHAT_MODEL,
      temperature: 0.2,
      maxTokens: 256,
      messages: [
        { role: "system", content: "Answer using only the sources; cite them." },
        { role: "user", content: `${context}\n\nQuestion: ${question}` },
      ],
    });
    await convertCurrency(hub, 0.0021);
    const extra = await webSearch(hub, question).catch(() => [] as string[]); // the agent carries on without it
    const result = { answer, sources: docs.map((doc) => doc.id), traceId: root.traceId };
    root.setOutput({ answer, sources: result.sources, webResults: extra.length });
    hub.scoreCurrentTrace({ name: "groundedness", value: docs.length > 0 ? 0.9 : 0, comment: "answer cites retrieved sources" });
    return result;
  });
}
