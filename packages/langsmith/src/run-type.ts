// tracehub span kind → LangSmith run_type. LangSmith knows llm, chain, tool,
// retriever, embedding, prompt and parser; its UI renders each differently
// (chat messages for llm, documents for retriever), and counts tokens and cost
// on llm runs. Kinds with no LangSmith counterpart become "chain", the type
// LangSmith itself uses for any composite step; the exact kind is kept in
// metadata as `tracehub_kind`.
import type { SpanKind } from "@tracehub/core";

export type LangSmithRunType = "llm" | "chain" | "tool" | "retriever" | "embedding" | "prompt" | "parser";

const RUN_TYPES: Record<SpanKind, LangSmithRunType> = {
  llm: "llm",
  embedding: "embedding",
  retriever: "retriever",
  // A reranker takes documents and returns them reordered: LangSmith's
  // retriever view (documents in, documents out) is the one that shows it.
  reranker: "retriever",
  tool: "tool",
  agent: "chain",
  chain: "chain",
  span: "chain",
  guardrail: "chain",
  evaluator: "chain",
  event: "chain",
};

export function runTypeFor(kind: SpanKind): LangSmithRunType {
  return RUN_TYPES[kind] ?? "chain";
}
