// `embeddings.create`: the texts in; out, how many vectors of what size (the
// vectors themselves are no use in a trace and would dwarf everything else).
import type { SpanHandle } from "@tracehub/core";
import { field, list, type Operation, type RequestBody } from "@tracehub/instrumentation";
import { recordResponseMeta } from "./response-meta.js";

/** Dimensions of one embedding: a float array, or base64 of float32s (the SDK's default wire format). */
function dimensions(embedding: unknown): number | undefined {
  if (Array.isArray(embedding)) return embedding.length;
  if (ArrayBuffer.isView(embedding)) return (embedding as Float32Array).length;
  if (typeof embedding !== "string") return undefined;
  const padding = embedding.endsWith("==") ? 2 : embedding.endsWith("=") ? 1 : 0;
  return Math.floor(((embedding.length * 3) / 4 - padding) / 4);
}

export const embeddings: Operation = {
  name: "embeddings",
  kind: "embedding",
  path: "/embeddings",
  input(body: RequestBody): unknown {
    return body.input;
  },
  recordResponse(span: SpanHandle, data: unknown, captureContent: boolean): void {
    recordResponseMeta(span, { model: field(data, "model"), usage: field(data, "usage") });
    const vectors = list(field(data, "data"));
    const size = vectors.length > 0 ? dimensions(field(vectors[0], "embedding")) : undefined;
    if (size !== undefined) span.setAttribute("gen_ai.embeddings.dimension.count", size);
    if (captureContent) span.setOutput(size === undefined ? { count: vectors.length } : { count: vectors.length, dimensions: size });
  },
};
