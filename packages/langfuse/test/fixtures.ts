// A RAG trace that touches every Span field the Langfuse mapping reads: a root
// agent, two retrievers running in parallel, a reranker, a generation with
// cached and reasoning tokens, cost and a prompt, a tool, and a failed span.
import type { Score, SpanRecord } from "@tracehub/core";

export const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
/** Epoch ms with a sub-millisecond fraction, as the core clock produces. */
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0) + 0.25;
export const PUBLIC_KEY = "pk-lf-1111aaaa-2222-3333-4444-555566667777";
export const SECRET_KEY = "sk-lf-9999ffff-8888-7777-6666-555544443333";
export const BASE_URL = "https://langfuse.test";
export const KEYS = { LANGFUSE_PUBLIC_KEY: PUBLIC_KEY, LANGFUSE_SECRET_KEY: SECRET_KEY, LANGFUSE_BASE_URL: BASE_URL };

export const CONTEXT = {
  traceName: "rag-query",
  userId: "u-42",
  sessionId: "s-7",
  tags: ["prod", "beta"],
  metadata: { tenant: "acme", plan: "pro" },
  environment: "Production EU",
  release: "1.4.2",
  version: "v7",
  serviceName: "rag-api",
};

export function span(spanId: string, over: Partial<SpanRecord> = {}): SpanRecord {
  return {
    traceId: TRACE_ID,
    spanId,
    links: [],
    name: spanId,
    kind: "span",
    startTime: T0,
    endTime: T0 + 100,
    status: "ok",
    attributes: {},
    events: [],
    context: CONTEXT,
    ...over,
  };
}

export const ROOT = span("00000000000000a0", {
  name: "rag-agent",
  kind: "agent",
  endTime: T0 + 2000,
  input: { question: "What is OTLP?" },
  output: "A protocol.",
  attributes: { "app.route": "/ask" },
});

export const RETRIEVE_DOCS = span("00000000000000b0", {
  parentSpanId: ROOT.spanId,
  name: "retrieve-docs",
  kind: "retriever",
  startTime: T0 + 10,
  endTime: T0 + 300,
  input: "what is otlp",
  output: [{ id: "doc-1", pageContent: "OTLP is the OpenTelemetry protocol.", score: 0.91 }],
});

export const RETRIEVE_WEB = span("00000000000000b1", {
  parentSpanId: ROOT.spanId,
  name: "retrieve-web",
  kind: "retriever",
  startTime: T0 + 12,
  endTime: T0 + 280,
  input: "what is otlp",
  output: [{ url: "https://opentelemetry.io", text: "OTLP…" }],
});

export const RERANK = span("00000000000000c0", {
  parentSpanId: ROOT.spanId,
  name: "rerank",
  kind: "reranker",
  startTime: T0 + 301,
  endTime: T0 + 350,
  model: "rerank-v3",
  provider: "cohere",
});

export const GENERATE = span("00000000000000d0", {
  parentSpanId: ROOT.spanId,
  name: "generate",
  kind: "llm",
  startTime: T0 + 400,
  endTime: T0 + 1800,
  completionStartTime: T0 + 650,
  model: "gpt-4o",
  provider: "openai",
  modelParameters: { temperature: 0.2, max_tokens: 256, stop: ["\n\n"] },
  input: [{ role: "user", content: "What is OTLP?" }],
  output: { role: "assistant", content: "A protocol." },
  usage: { input: 1200, output: 300, total: 1500, cacheRead: 800, cacheWrite: 100, reasoning: 120 },
  cost: { input: 0.002, output: 0.003, total: 0.005, cacheRead: 0.0004, cacheWrite: 0.0001, reasoning: 0.0012 },
  prompt: { name: "qa", version: 3, template: "Answer: {{question}}", variables: { question: "What is OTLP?" } },
  retryCount: 1,
});

export const TOOL = span("00000000000000e0", {
  parentSpanId: ROOT.spanId,
  name: "web_search",
  kind: "tool",
  startTime: T0 + 1810,
  endTime: T0 + 1900,
  input: { query: "otlp" },
  output: "3 results",
  attributes: { "tool.provider": "bing" },
});

export const FAILED = span("00000000000000f0", {
  parentSpanId: ROOT.spanId,
  name: "cache-write",
  kind: "span",
  startTime: T0 + 1901,
  endTime: T0 + 1950,
  status: "error",
  error: { type: "TimeoutError", message: "redis timed out", category: "timeout", stack: "TimeoutError: redis timed out\n    at write" },
});

export const RAG_SPANS: SpanRecord[] = [RETRIEVE_DOCS, RETRIEVE_WEB, RERANK, GENERATE, TOOL, FAILED, ROOT];

export function score(id: string, over: Partial<Score> = {}): Score {
  return {
    id,
    traceId: TRACE_ID,
    spanId: GENERATE.spanId,
    name: "relevance",
    value: 0.82,
    dataType: "numeric",
    source: "evaluator",
    time: T0 + 5000,
    ...over,
  };
}
