// A hand-built RAG trace that touches every Span field the mapping reads, and
// two scores: one whose span is in the batch, one whose span is not.
import type { Score, SpanRecord } from "@tracehub/core";

export const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
export const LINKED_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
/** Epoch ms with a sub-millisecond fraction, as the core clock produces. */
export const T0 = 1_700_000_000_000.25;

export const CONTEXT = {
  traceName: "rag-query",
  userId: "u-42",
  sessionId: "s-7",
  tags: ["prod", "beta"],
  metadata: { tenant: "acme", plan: "pro" },
  environment: "production",
  release: "1.4.2",
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
  name: "rag-query",
  kind: "chain",
  endTime: T0 + 1500.5,
  input: { question: "What is OTLP?" },
  output: "A protocol.",
  parentSpanId: "b7ad6b7169203331",
  parentIsRemote: true,
  attributes: { "app.route": "/ask", "http.status_code": 200 },
});

export const RETRIEVE = span("00000000000000b0", {
  parentSpanId: ROOT.spanId,
  name: "retrieve",
  kind: "retriever",
  startTime: T0 + 10,
  endTime: T0 + 320,
  input: "what is otlp",
  output: [
    { id: "doc-1", pageContent: "OTLP is the OpenTelemetry protocol.", score: 0.91, metadata: { source: "spec.md" } },
    { id: 7, text: "It runs over gRPC or HTTP.", relevanceScore: 0.5 },
    "a bare string document",
  ],
});

export const EMBED = span("00000000000000b1", {
  parentSpanId: RETRIEVE.spanId,
  name: "embed-query",
  kind: "embedding",
  model: "text-embedding-3-small",
  provider: "openai",
  startTime: T0 + 12,
  endTime: T0 + 52,
  usage: { input: 12, total: 12 },
  cost: { total: 0.00000024 },
});

export const SEARCH = span("00000000000000b2", {
  parentSpanId: RETRIEVE.spanId,
  name: "web_search",
  kind: "tool",
  startTime: T0 + 60,
  endTime: T0 + 309,
  status: "error",
  input: { query: "otlp" },
  error: { type: "TimeoutError", message: "search timed out", stack: "TimeoutError: search timed out\n    at search (s.js:1:1)", category: "timeout" },
});

export const GENERATE = span("00000000000000c0", {
  parentSpanId: ROOT.spanId,
  name: "generate",
  kind: "llm",
  model: "gpt-4o",
  provider: "openai",
  modelParameters: { temperature: 0.2, max_tokens: 256, top_p: 0.9, stop: ["\n\n"], seed: 7, stream: true },
  startTime: T0 + 330,
  endTime: T0 + 1480.125,
  completionStartTime: T0 + 530,
  usage: { input: 812, output: 95, total: 907, cacheRead: 512, cacheWrite: 100, reasoning: 20 },
  cost: { input: 0.002, output: 0.0011, total: 0.0031 },
  input: [
    { role: "system", content: "Answer from the documents." },
    { role: "user", content: "What is OTLP?" },
  ],
  output: {
    id: "chatcmpl-123",
    model: "gpt-4o-2024-08-06",
    choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "The OpenTelemetry protocol." } }],
  },
  prompt: { name: "rag-answer", version: 3, template: "Answer: {{question}}", variables: { question: "What is OTLP?" } },
  retryCount: 1,
  timeoutMs: 30000,
  rateLimit: { requests: { limit: 500, remaining: 499, resetAt: Date.UTC(2023, 10, 14, 22, 14, 0) } },
  events: [{ name: "first_token", time: T0 + 530, attributes: { "chunk.index": 0 } }],
  links: [
    { traceId: LINKED_TRACE_ID, spanId: "00f067aa0ba902b7", attributes: { "link.kind": "retry-of" } },
    { traceId: "not-a-trace-id", spanId: "00f067aa0ba902b7" },
  ],
  attributes: { "gen_ai.request.model": "user-override", "app.cached": false, "app.scores": [1, 2.5] },
});

export const AGENT = span("00000000000000d0", {
  parentSpanId: ROOT.spanId,
  name: "planner",
  kind: "agent",
  status: "unset",
  startTime: T0 + 5,
  endTime: T0 + 8,
  context: { ...CONTEXT, environment: "staging" },
});

/** In end order, as a hub exports them. */
export const RAG_SPANS: SpanRecord[] = [EMBED, SEARCH, RETRIEVE, GENERATE, AGENT, ROOT];

export function score(over: Partial<Score> & Pick<Score, "id" | "name" | "value">): Score {
  return { traceId: TRACE_ID, dataType: "numeric", source: "api", time: T0 + 2000, ...over };
}

/** Scores GENERATE, which is in the batch: becomes an event on it. */
export const RELEVANCE = score({ id: "score-1", spanId: GENERATE.spanId, name: "relevance", value: 0.82, source: "evaluator", comment: "grounded" });
/** Scores a span that is not in the batch: becomes an evaluation span. */
export const HELPFUL = score({ id: "score-2", spanId: "00000000000000e0", name: "helpfulness", value: true, dataType: "boolean", source: "user" });
/** A trace-level categorical score. */
export const VERDICT = score({ id: "score-3", name: "verdict", value: "correct", dataType: "categorical" });

/** `ms` as OTLP nanoseconds text, computed with BigInt (independent of the encoder's arithmetic). */
export function nanos(ms: number): string {
  const whole = Math.floor(ms);
  return (BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6))).toString();
}
