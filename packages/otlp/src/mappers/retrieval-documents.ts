// Retrieved documents in OpenInference form: `{prefix}.{i}.document.id|content|
// score|metadata`. Retrievers return documents in many shapes (LangChain
// `pageContent`, LlamaIndex `text`, plain strings); any list of them, or an
// object holding one under `documents`, is read.
import type { KeyedAdd } from "./fixed-keys.js";
import { indexedKeys } from "./indexed-keys.js";
import { asJson } from "./json-content.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The document list inside a retriever's output (or a reranker's input/output), if there is one. */
export function documentList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isObj(value)) {
    const docs = value["documents"] ?? value["docs"] ?? value["results"];
    if (Array.isArray(docs)) return docs;
  }
  return undefined;
}

const DOCUMENT_FIELDS = ["document.id", "document.content", "document.score", "document.metadata"] as const;

/** The document lists OpenInference defines. */
export type DocumentListKey = "retrieval.documents" | "reranker.input_documents" | "reranker.output_documents";

const KEYS: Record<DocumentListKey, ReturnType<typeof indexedKeys<(typeof DOCUMENT_FIELDS)[number]>>> = {
  "retrieval.documents": indexedKeys("retrieval.documents", DOCUMENT_FIELDS),
  "reranker.input_documents": indexedKeys("reranker.input_documents", DOCUMENT_FIELDS),
  "reranker.output_documents": indexedKeys("reranker.output_documents", DOCUMENT_FIELDS),
};

/** Adds every document of `docs` under `list`, e.g. `retrieval.documents.0.document.content`. */
export function addDocuments(list: DocumentListKey, docs: readonly unknown[], add: KeyedAdd): void {
  const keysAt = KEYS[list];
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const keys = keysAt(i);
    if (typeof doc === "string") {
      add(keys["document.content"], doc);
      continue;
    }
    if (!isObj(doc)) continue;
    const id = doc["id"] ?? doc["documentId"] ?? doc["document_id"];
    if (typeof id === "string" || typeof id === "number") add(keys["document.id"], String(id));
    const content = doc["content"] ?? doc["pageContent"] ?? doc["page_content"] ?? doc["text"];
    if (typeof content === "string") add(keys["document.content"], content);
    const score = doc["score"] ?? doc["relevanceScore"] ?? doc["relevance_score"] ?? doc["similarity"];
    if (typeof score === "number") add(keys["document.score"], score);
    if (isObj(doc["metadata"])) add(keys["document.metadata"], asJson(doc["metadata"]));
  }
}
