// Evaluators that come with core, one per span kind. They measure what every
// span of that kind carries (time, tokens, cost, documents, vectors, status)
// and return nothing they cannot read: a missing value is no score, never 0.
// Off by default: every one adds scores to every matching span in every
// backend (Langfuse scores, LangSmith feedback), which is noise unless wanted.
import type { ReadonlySpan, SpanKind } from "../model/span.js";
import { readDocuments, readEmbeddings, readInputCount, readRelevance } from "./read-output.js";
import type { EvaluationResult, SpanEvaluator } from "./span-evaluator.js";

/** Kinds that have a built-in evaluator. */
export const BUILTIN_EVALUATOR_KINDS: readonly SpanKind[] = ["llm", "retriever", "reranker", "embedding", "tool", "agent"];

const durationMs = (span: ReadonlySpan): number => Math.max(0, span.endTime - span.startTime);

/** llm: latency_ms, time_to_first_token_ms, tokens_per_second (output tokens over the whole call), cost_per_1k_tokens. */
export function llmMetrics(span: ReadonlySpan): EvaluationResult[] {
  const results: EvaluationResult[] = [{ name: "latency_ms", value: durationMs(span) }];
  if (span.completionStartTime !== undefined && span.completionStartTime >= span.startTime) {
    results.push({ name: "time_to_first_token_ms", value: span.completionStartTime - span.startTime });
  }
  const output = span.usage?.output;
  const seconds = durationMs(span) / 1000;
  if (output !== undefined && seconds > 0) results.push({ name: "tokens_per_second", value: output / seconds });
  const tokens = totalTokens(span);
  const cost = span.cost?.total;
  if (cost !== undefined && tokens !== undefined && tokens > 0) {
    results.push({ name: "cost_per_1k_tokens", value: (cost / tokens) * 1000 });
  }
  return results;
}

/** retriever, reranker: result_count, relevance_mean and relevance_min over the documents that carry a score. */
export function retrievalMetrics(span: ReadonlySpan): EvaluationResult[] {
  const documents = readDocuments(span.output);
  if (documents === undefined) return [];
  const results: EvaluationResult[] = [{ name: "result_count", value: documents.count }];
  const relevance = documents.items.map(readRelevance).filter((r): r is number => r !== undefined);
  if (relevance.length > 0) {
    const mean = relevance.reduce((sum, r) => sum + r, 0) / relevance.length;
    results.push({ name: "relevance_mean", value: mean }, { name: "relevance_min", value: Math.min(...relevance) });
  }
  return results;
}

/** embedding: embedding_dimension, cost_per_item (cost over the vectors returned, else the texts sent). */
export function embeddingMetrics(span: ReadonlySpan): EvaluationResult[] {
  const results: EvaluationResult[] = [];
  const embeddings = readEmbeddings(span.output);
  if (embeddings !== undefined) results.push({ name: "embedding_dimension", value: embeddings.dimension });
  const items = embeddings?.count ?? readInputCount(span.input);
  const cost = span.cost?.total;
  if (cost !== undefined && items !== undefined && items > 0) results.push({ name: "cost_per_item", value: cost / items });
  return results;
}

/** tool, agent: success (false when the span ended in error). */
export function successMetric(span: ReadonlySpan): EvaluationResult[] {
  const result: EvaluationResult = { name: "success", value: span.status !== "error" };
  if (span.status === "error" && span.statusMessage !== undefined) result.comment = span.statusMessage;
  return [result];
}

const EVALUATORS: Record<string, SpanEvaluator> = {
  llm: { name: "builtin.llm", kinds: ["llm"], evaluate: llmMetrics },
  retriever: { name: "builtin.retrieval", kinds: ["retriever", "reranker"], evaluate: retrievalMetrics },
  embedding: { name: "builtin.embedding", kinds: ["embedding"], evaluate: embeddingMetrics },
  outcome: { name: "builtin.success", kinds: ["tool", "agent"], evaluate: successMetric },
};

/** The built-in evaluators for `kinds` (all of them by default), narrowed to exactly those kinds. */
export function builtinEvaluators(kinds: readonly SpanKind[] = BUILTIN_EVALUATOR_KINDS): SpanEvaluator[] {
  const wanted = new Set(kinds);
  const selected: SpanEvaluator[] = [];
  for (const evaluator of Object.values(EVALUATORS)) {
    const covered = (evaluator.kinds ?? []).filter((kind) => wanted.has(kind));
    if (covered.length > 0) selected.push({ ...evaluator, kinds: covered });
  }
  return selected;
}

function totalTokens(span: ReadonlySpan): number | undefined {
  const usage = span.usage;
  if (usage === undefined) return undefined;
  if (usage.total !== undefined) return usage.total;
  if (usage.input === undefined && usage.output === undefined) return undefined;
  return (usage.input ?? 0) + (usage.output ?? 0);
}
