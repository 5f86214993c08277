// What a LangSmith /runs/multipart body carries: the run id of every
// `post.<id>` part, and the span id each run names in
// `post.<id>.extra` → metadata.otel_span_id (tracehub's adapter writes it), so
// a fake server can count spans as well as runs.

export interface MultipartPart {
  name: string;
  body: Buffer;
}

/** The parts of a multipart/form-data body; throws when the boundary is missing or the body is cut. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined) throw new Error("multipart: no boundary");
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error("multipart: no delimiter");
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // closing "--"
    pos += 2; // CRLF after the delimiter
    const headersEnd = body.indexOf("\r\n\r\n", pos);
    if (headersEnd < 0) throw new Error("multipart: part headers not terminated");
    const headers = body.toString("latin1", pos, headersEnd);
    const next = body.indexOf(delimiter, headersEnd + 4);
    if (next < 0) throw new Error("multipart: no closing delimiter");
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? "";
    parts.push({ name, body: body.subarray(headersEnd + 4, next - 2) }); // minus the CRLF before the delimiter
    pos = next;
  }
}

export interface MultipartRuns {
  /** Run ids of the `post.<id>` parts. */
  runIds: string[];
  /** `extra.metadata.otel_span_id` per run id, when the run carried one. */
  spanIdByRun: Map<string, string>;
}

export function readMultipartRuns(parts: readonly MultipartPart[]): MultipartRuns {
  const runIds: string[] = [];
  const spanIdByRun = new Map<string, string>();
  for (const part of parts) {
    const [op, id, field] = part.name.split(".");
    if (op !== "post" || id === undefined) continue;
    if (field === undefined) runIds.push(id);
    else if (field === "extra") {
      const extra = JSON.parse(part.body.toString("utf8")) as { metadata?: { otel_span_id?: unknown } };
      const spanId = extra.metadata?.otel_span_id;
      if (typeof spanId === "string") spanIdByRun.set(id, spanId);
    }
  }
  return { runIds, spanIdByRun };
}
