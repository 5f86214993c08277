// Decodes what the adapter sends with the official OTLP definitions (the
// protobufjs code @opentelemetry/otlp-transformer generates), so a wrong field
// number or wire type fails here rather than at Langfuse.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const transformerRequire = createRequire(require.resolve("@opentelemetry/otlp-transformer"));
const root = transformerRequire("./generated/root.js") as any;
const ExportTraceServiceRequest = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest as {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
};

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status: { code?: number; message?: string };
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  resource: Record<string, unknown>;
  scope: { name?: string; version?: string };
}

/** Every span of a protobuf ExportTraceServiceRequest, ids as hex, attributes as a plain map. */
export function decodeProtobufSpans(bytes: Uint8Array): DecodedSpan[] {
  const message = ExportTraceServiceRequest.decode(bytes);
  const plain = ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number, bytes: Array, arrays: true });
  return spansOf(plain, (id) => (Array.isArray(id) ? id.map((b: number) => b.toString(16).padStart(2, "0")).join("") : ""));
}

/** Every span of an OTLP/JSON request (ids are already hex there). */
export function decodeJsonSpans(text: string): DecodedSpan[] {
  return spansOf(JSON.parse(text) as Record<string, unknown>, (id) => (typeof id === "string" ? id : ""));
}

function spansOf(request: any, hex: (id: unknown) => string): DecodedSpan[] {
  const out: DecodedSpan[] = [];
  for (const rs of request.resourceSpans ?? []) {
    const resource = attributeMap(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        out.push({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          parentSpanId: hex(s.parentSpanId),
          name: s.name,
          startTimeUnixNano: String(s.startTimeUnixNano),
          endTimeUnixNano: String(s.endTimeUnixNano),
          status: s.status ?? {},
          attributes: attributeMap(s.attributes),
          events: (s.events ?? []).map((e: any) => ({ name: e.name, attributes: attributeMap(e.attributes) })),
          resource,
          scope: ss.scope ?? {},
        });
      }
    }
  }
  return out;
}

/** KeyValue[] → { key: value }; fails on a repeated key. */
function attributeMap(list: readonly { key: string; value: Record<string, unknown> }[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) {
    if (key in out) throw new Error(`attribute ${key} appears twice`);
    out[key] = anyValue(value);
  }
  return out;
}

function anyValue(value: Record<string, any>): unknown {
  if ("stringValue" in value) return value.stringValue;
  if ("boolValue" in value) return value.boolValue;
  if ("intValue" in value) return Number(value.intValue);
  if ("doubleValue" in value) return value.doubleValue;
  if ("arrayValue" in value) return (value.arrayValue.values ?? []).map((v: Record<string, any>) => anyValue(v));
  throw new Error(`empty AnyValue: ${JSON.stringify(value)}`);
}
