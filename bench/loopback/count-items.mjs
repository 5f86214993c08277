// How many spans, runs or events one request body carries, read the way a
// backend would read them: OTLP protobuf is walked field by field down to
// ResourceSpans → ScopeSpans → Span (no attribute decoding: the receiver must
// stay cheap so it never becomes the bottleneck it is meant to measure), OTLP
// JSON and the Langfuse and LangSmith JSON bodies are parsed, and LangSmith
// multipart bodies are scanned for their `post.<id>` / `patch.<id>` parts.

/** Spans in an OTLP ExportTraceServiceRequest (protobuf). Throws on a malformed body. */
export function countProtobufSpans(bytes) {
  let spans = 0;
  forEachField(bytes, 0, bytes.length, (field, start, end) => {
    if (field !== 1) return; // resource_spans
    forEachField(bytes, start, end, (f2, s2, e2) => {
      if (f2 !== 2) return; // scope_spans
      forEachField(bytes, s2, e2, (f3) => {
        if (f3 === 2) spans++; // spans
      });
    });
  });
  return spans;
}

/** Calls `visit(fieldNumber, start, end)` for each length-delimited field in [start, end); skips the others. */
function forEachField(bytes, start, end, visit) {
  let at = start;
  while (at < end) {
    let key;
    [key, at] = varint(bytes, at);
    const field = key >>> 3;
    switch (key & 7) {
      case 0:
        at = varint(bytes, at)[1];
        break;
      case 1:
        at += 8;
        break;
      case 2: {
        let length;
        [length, at] = varint(bytes, at);
        if (at + length > end) throw new Error("truncated protobuf field");
        visit(field, at, at + length);
        at += length;
        break;
      }
      case 5:
        at += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${key & 7}`);
    }
  }
  if (at !== end) throw new Error("protobuf field overruns its message");
}

function varint(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) throw new Error("truncated varint");
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}

/** Spans in an OTLP JSON request. */
export function countJsonSpans(text) {
  const request = JSON.parse(text);
  let spans = 0;
  for (const resource of request.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans += (scope.spans ?? []).length;
  return spans;
}

/** `post.<uuid>` and `patch.<uuid>` parts of a LangSmith multipart body (field parts such as `post.<uuid>.inputs` excluded). */
export function countMultipartRuns(text) {
  const posts = text.match(/name="post\.[0-9a-f-]{36}"/g)?.length ?? 0;
  const patches = text.match(/name="patch\.[0-9a-f-]{36}"/g)?.length ?? 0;
  return { posts, patches };
}
