// A tiny in-memory corpus with a vector and a keyword index, standing in for a
// vector database and a BM25 search service.

export interface Document {
  id: string;
  content: string;
  score: number;
}

const CORPUS = [
  { id: "doc-rag-intro", content: "Retrieval-augmented generation (RAG) fetches documents and passes them to the model as context." },
  { id: "doc-rerank", content: "A reranker scores query-passage pairs with a cross-encoder and keeps the best ones." },
  { id: "doc-embeddings", content: "Embeddings map text to vectors so that similar meanings are close together." },
  { id: "doc-bm25", content: "BM25 ranks documents by term frequency and inverse document frequency." },
  { id: "doc-hallucination", content: "Grounding answers in retrieved sources reduces hallucinations." },
];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function overlap(query: string, text: string): number {
  const words = new Set(query.toLowerCase().match(/[a-z]+/g) ?? []);
  const hits = (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => words.has(w)).length;
  return hits / Math.max(1, words.size);
}

export async function vectorSearch(query: string, _embedding: number[], k: number): Promise<Document[]> {
  await sleep(25);
  return CORPUS.map((doc) => ({ ...doc, score: 0.5 + overlap(query, doc.content) / 2 }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

export async function keywordSearch(query: string, k: number): Promise<Document[]> {
  await sleep(12);
  return CORPUS.map((doc) => ({ ...doc, score: overlap(query, doc.content) * 10 }))
    .filter((doc) => doc.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

export async function rerank(query: string, docs: Document[], k: number): Promise<Document[]> {
  await sleep(10);
  const unique = [...new Map(docs.map((doc) => [doc.id, doc])).values()];
  return unique
    .map((doc) => ({ ...doc, score: Number((0.3 + overlap(query, doc.content) * 0.7).toFixed(3)) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}
