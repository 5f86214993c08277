// Reads what the built-in evaluators need from a span's input and output as
// they arrive after finalisation (JSON-safe values, long arrays cut to their
// first items plus a "…[truncated, N items total]" note, typed arrays as
// {"$type":"Float32Array","length":N}). Pure and tolerant: anything
// unrecognised reads as "unknown", never as zero.

const TRUNCATED_ITEMS = /^…\[truncated, (\d+) items total\]$/;
/** Keys under which retrievers and vector stores return their documents. */
const DOCUMENT_KEYS = ["documents", "results", "matches", "hits", "docs", "data", "items"];
/** Fields that hold a document's relevance, in order of preference. */
const RELEVANCE_KEYS = ["score", "relevance_score", "relevanceScore", "similarity", "similarity_score", "_score"];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The original length of an array, reading a truncation note when the array was cut. */
export function originalLength(items: readonly unknown[]): number {
  const last = items.at(-1);
  const note = typeof last === "string" ? TRUNCATED_ITEMS.exec(last) : null;
  return note?.[1] !== undefined ? Number(note[1]) : items.length;
}

/** The items of an array without the truncation note. */
function keptItems(items: readonly unknown[]): readonly unknown[] {
  return originalLength(items) === items.length ? items : items.slice(0, -1);
}

/** The documents a retriever returned: the output array, or the array under a usual key. */
export function readDocuments(output: unknown): { count: number; items: readonly unknown[] } | undefined {
  const list = Array.isArray(output) ? output : isObject(output) ? firstArray(output, DOCUMENT_KEYS) : undefined;
  return list === undefined ? undefined : { count: originalLength(list), items: keptItems(list) };
}

/**
 * Relevance of one document: a `score`-like field on it or on its `metadata`,
 * or the number of a `[document, score]` pair (LangChain's similaritySearchWithScore).
 */
export function readRelevance(document: unknown): number | undefined {
  if (Array.isArray(document) && document.length === 2 && typeof document[1] === "number") {
    return Number.isFinite(document[1]) ? document[1] : undefined;
  }
  if (!isObject(document)) return undefined;
  return numberAt(document, RELEVANCE_KEYS) ?? (isObject(document.metadata) ? numberAt(document.metadata, RELEVANCE_KEYS) : undefined);
}

/** Dimension of the embedding vectors in an output, and how many vectors it holds. */
export function readEmbeddings(output: unknown): { dimension: number; count: number } | undefined {
  const found = vectorList(output);
  const first = found?.vectors[0];
  const dimension = first === undefined ? undefined : vectorLength(first);
  return found === undefined || dimension === undefined ? undefined : { dimension, count: found.count };
}

/** How many items an embedding call's input held (an array of texts), else undefined. */
export function readInputCount(input: unknown): number | undefined {
  if (Array.isArray(input)) return originalLength(input);
  if (isObject(input) && Array.isArray(input.input)) return originalLength(input.input);
  return undefined;
}

/** The vectors (and their original count) in the usual shapes: [[…]], […], {embeddings}, {embedding}, {data:[{embedding}]}. */
function vectorList(output: unknown): { vectors: readonly unknown[]; count: number } | undefined {
  if (Array.isArray(output)) {
    const single = !Array.isArray(output[0]) && !isObject(output[0]) && vectorLength(output) !== undefined;
    return single ? { vectors: [output], count: 1 } : { vectors: keptItems(output), count: originalLength(output) };
  }
  if (!isObject(output)) return undefined;
  if (typeof output.$type === "string") return vectorLength(output) === undefined ? undefined : { vectors: [output], count: 1 };
  if (Array.isArray(output.embeddings)) return vectorList(output.embeddings);
  if (output.embedding !== undefined) return { vectors: [output.embedding], count: 1 };
  if (Array.isArray(output.data)) {
    const rows = keptItems(output.data).map((row) => (isObject(row) ? row.embedding : undefined));
    return rows.every((row) => row !== undefined) ? { vectors: rows, count: originalLength(output.data) } : undefined;
  }
  return undefined;
}

/** Length of one vector: a number array (possibly cut) or a described typed array. */
function vectorLength(vector: unknown): number | undefined {
  if (Array.isArray(vector)) {
    const kept = keptItems(vector);
    return kept.length > 0 && kept.every((v) => typeof v === "number") ? originalLength(vector) : undefined;
  }
  if (isObject(vector) && typeof vector.$type === "string" && vector.$type.endsWith("Array") && typeof vector.length === "number") {
    return vector.length;
  }
  return undefined;
}

function firstArray(object: Json, keys: readonly string[]): readonly unknown[] | undefined {
  for (const key of keys) {
    const value = object[key];
    if (Array.isArray(value)) return value;
  }
  return undefined;
}

function numberAt(object: Json, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return undefined;
}
