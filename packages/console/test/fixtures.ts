// A hand-built RAG trace whose rendering is known, and a stream that records writes.
import type { Score, SpanRecord } from "@tracehub/core";

export const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
export const T0 = 1_700_000_000_000;

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
    context: {},
    ...over,
  };
}

export function score(over: Partial<Score> & Pick<Score, "id" | "name" | "value">): Score {
  return { traceId: TRACE_ID, dataType: "numeric", source: "api", time: T0 + 2000, ...over };
}

const context = { traceName: "rag-query", userId: "u-42", sessionId: "s-7", tags: ["prod", "beta"] };

export const ROOT = span("00000000000000a0", { name: "rag-query", kind: "chain", endTime: T0 + 1500, context });
const under = (parent: SpanRecord, spanId: string, over: Partial<SpanRecord>): SpanRecord =>
  span(spanId, { parentSpanId: parent.spanId, context, ...over });

export const RETRIEVE = under(ROOT, "00000000000000b0", { name: "retrieve", kind: "retriever", startTime: T0 + 10, endTime: T0 + 320 });
export const EMBED = under(RETRIEVE, "00000000000000b1", {
  name: "embed-query",
  kind: "embedding",
  model: "text-embedding-3-small",
  startTime: T0 + 12,
  endTime: T0 + 52,
  usage: { input: 12 },
  cost: { total: 0.00000024 },
});
// search-a and search-b ran in parallel: same start, ordered by span id.
export const SEARCH_A = under(RETRIEVE, "00000000000000b2", { name: "search-a", kind: "tool", startTime: T0 + 60, endTime: T0 + 260 });
export const SEARCH_B = under(RETRIEVE, "00000000000000b3", {
  name: "search-b",
  kind: "tool",
  startTime: T0 + 60,
  endTime: T0 + 309,
  status: "error",
  error: { type: "TimeoutError", message: "search timed out", category: "timeout" },
});
export const RERANK = under(RETRIEVE, "00000000000000b4", { name: "rerank", kind: "reranker", startTime: T0 + 312, endTime: T0 + 318 });
export const GENERATE = under(ROOT, "00000000000000c0", {
  name: "generate",
  kind: "llm",
  model: "gpt-4o",
  provider: "openai",
  startTime: T0 + 330,
  endTime: T0 + 1480,
  usage: { input: 812, output: 95, cacheRead: 512, reasoning: 20 },
  cost: { input: 0.002, output: 0.0011, total: 0.0031 },
  retryCount: 1,
});

/** In end order, as a tracer would export them: children before the root. */
export const RAG_SPANS: SpanRecord[] = [EMBED, SEARCH_A, SEARCH_B, RERANK, RETRIEVE, GENERATE, ROOT];

export const RELEVANCE = score({ id: "s-1", spanId: GENERATE.spanId, name: "relevance", value: 0.82, source: "evaluator" });
export const HELPFUL = score({ id: "s-2", name: "helpfulness", value: 4, source: "user", comment: "clear answer" });

/** The expected pretty rendering of RAG_SPANS with both scores, colour off. */
export const RAG_TREE = [
  "trace rag-query 4bf92f35  1.5s  919 tok  $0.0031  user u-42  session s-7  tags prod,beta  ⚠ 1 error",
  "rag-query chain  1.5s",
  "├─ retrieve retriever  310ms",
  "│  ├─ embed-query embedding text-embedding-3-small  40ms  12 tok in  $0.00000024",
  "│  ├─ search-a tool  200ms",
  "│  ├─ search-b tool  249ms  ✗ TimeoutError: search timed out [timeout]",
  "│  └─ rerank reranker  6ms",
  "└─ generate llm gpt-4o  1.15s  812→95 tok (cache read 512, reasoning 20)  $0.0031  1 retry",
  "     ◆ relevance 0.82 (evaluator)",
  "Σ 7 spans  1.5s  824→95 tok (cache read 512, reasoning 20)  $0.0031  1 error",
  "  gpt-4o  1 call  812→95 tok (cache read 512, reasoning 20)  $0.0031",
  "  text-embedding-3-small  1 call  12 tok in  $0.00000024",
  "◆ helpfulness 4 (user) “clear answer”",
  "",
].join("\n");

/** A stream that keeps what was written. */
export function memoryStream(isTTY = false): { write(chunk: string): boolean; isTTY: boolean; text(): string } {
  const chunks: string[] = [];
  return {
    isTTY,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(""),
  };
}
