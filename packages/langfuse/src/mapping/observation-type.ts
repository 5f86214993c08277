// tracehub span kinds as Langfuse observation types. The OTLP endpoint reads
// `langfuse.observation.type` in lowercase (ObservationTypeMapper); the legacy
// batch API names its events `${type}-create`. Langfuse has no reranker type:
// a reranker is a retriever that reorders documents.
import type { SpanKind } from "@tracehub/core";

export type LangfuseObservationType =
  | "span"
  | "generation"
  | "event"
  | "agent"
  | "tool"
  | "chain"
  | "retriever"
  | "evaluator"
  | "embedding"
  | "guardrail";

const TYPES: Readonly<Record<SpanKind, LangfuseObservationType>> = {
  span: "span",
  llm: "generation",
  embedding: "embedding",
  retriever: "retriever",
  reranker: "retriever",
  tool: "tool",
  agent: "agent",
  chain: "chain",
  guardrail: "guardrail",
  evaluator: "evaluator",
  event: "event",
};

export function observationType(kind: SpanKind): LangfuseObservationType {
  return TYPES[kind] ?? "span";
}

/** Types that carry model, usage, cost and prompt fields. */
export function isGenerationLike(type: LangfuseObservationType): boolean {
  return type === "generation" || type === "embedding";
}
