// Span ids out of an OTLP/HTTP traces request, without a protobuf library:
// ExportTraceServiceRequest.resource_spans(1) → ResourceSpans.scope_spans(2)
// → ScopeSpans.spans(2) → Span.span_id(2), read straight off the wire format.
// Fast enough to decode 100 000 spans in-process beside the code under test.
// JSON bodies (http/json: ids as hex strings) are read too.

/** Hex span ids of every span in the request; throws on a malformed body (the server answers 400). */
export function readOtlpSpanIds(body: Uint8Array, contentType: string): string[] {
  if (/json/i.test(contentType)) return readJsonSpanIds(body);
  const ids: string[] = [];
  forEachField(body, 0, body.length, (field, start, end) => {
    if (field !== 1) return; // resource_spans
    forEachField(body, start, end, (f2, s2, e2) => {
      if (f2 !== 2) return; // scope_spans
      forEachField(body, s2, e2, (f3, s3, e3) => {
        if (f3 !== 2) return; // spans
        forEachField(body, s3, e3, (f4, s4, e4) => {
          if (f4 === 2) ids.push(Buffer.from(body.buffer, body.byteOffset + s4, e4 - s4).toString("hex"));
        });
      });
    });
  });
  return ids;
}

function readJsonSpanIds(body: Uint8Array): string[] {
  const request = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")) as {
    resourceSpans?: { scopeSpans?: { spans?: { spanId?: string }[] }[] }[];
  };
  const ids: string[] = [];
  for (const rs of request.resourceSpans ?? []) {
    for (const ss of rs.scopeSpans ?? []) for (const span of ss.spans ?? []) if (typeof span.spanId === "string") ids.push(span.spanId);
  }
  return ids;
}

/** Calls `visit` for each length-delimited field in [start, end); other wire types are skipped. */
function forEachField(buf: Uint8Array, start: number, end: number, visit: (field: number, start: number, end: number) => void): void {
  let pos = start;
  while (pos < end) {
    const [key, afterKey] = readVarint(buf, pos);
    pos = afterKey;
    const field = Math.floor(key / 8);
    switch (key & 7) {
      case 0:
        pos = readVarint(buf, pos)[1];
        break;
      case 1:
        pos += 8;
        break;
      case 2: {
        const [length, afterLength] = readVarint(buf, pos);
        const fieldEnd = afterLength + length;
        if (fieldEnd > end) throw new Error("protobuf: field runs past its message");
        visit(field, afterLength, fieldEnd);
        pos = fieldEnd;
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        throw new Error(`protobuf: unsupported wire type ${key & 7}`);
    }
  }
  if (pos !== end) throw new Error("protobuf: truncated message");
}

function readVarint(buf: Uint8Array, start: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let pos = start; pos < buf.length && pos < start + 10; pos++) {
    const byte = buf[pos] as number;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, pos + 1];
    scale *= 128;
  }
  throw new Error("protobuf: bad varint");
}
