// Decodes what the exporter sends with the official OTLP definitions: the
// protobufjs code that @opentelemetry/otlp-transformer generates from
// opentelemetry-proto. A wrong field number or wire type fails here.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface MessageType {
  decode(bytes: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  toObject(message: unknown, options: Record<string, unknown>): Record<string, any>;
}

const transformerEntry = require.resolve("@opentelemetry/otlp-transformer");
const transformerRequire = createRequire(transformerEntry);
const root = transformerRequire("./generated/root.js") as any;
/** protobufjs itself, as otlp-transformer loads it: for fields its 0.57 definitions predate (Span.flags). */
export const protobuf = transformerRequire("protobufjs/minimal") as any;
const collector = root.opentelemetry.proto.collector.trace.v1;

export const ExportTraceServiceRequest: MessageType = collector.ExportTraceServiceRequest;
export const ExportTraceServiceResponse: MessageType = collector.ExportTraceServiceResponse;

/** The decoded request as plain data: ids as lowercase hex, 64-bit numbers as decimal strings, enums as numbers. */
export function decodeRequest(bytes: Uint8Array): Record<string, any> {
  const message = ExportTraceServiceRequest.decode(bytes);
  const plain = ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number, bytes: Array, arrays: true });
  return hexIds(plain) as Record<string, any>;
}

/** Every span of a decoded request, with its resource and scope. */
export function decodedSpans(request: Record<string, any>): { resource: Record<string, unknown>; scope: any; span: any }[] {
  return request.resourceSpans.flatMap((rs: any) =>
    rs.scopeSpans.flatMap((ss: any) => ss.spans.map((span: any) => ({ resource: attributeMap(rs.resource.attributes), scope: ss.scope, span }))),
  );
}

/** Byte arrays under *Id keys become lowercase hex, as in OTLP/JSON. */
function hexIds(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    if (/Id$/.test(key) && value.every((v) => typeof v === "number")) {
      return value.map((b: number) => b.toString(16).padStart(2, "0")).join("");
    }
    return value.map((v) => hexIds(v));
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hexIds(v, k)]));
  }
  return value;
}

/** KeyValue[] → { key: plain value }, reading whichever AnyValue field is set; fails on a repeated key. */
export function attributeMap(list: readonly { key: string; value: Record<string, unknown> }[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) {
    if (key in out) throw new Error(`attribute ${key} appears twice`);
    out[key] = anyValue(value);
  }
  return out;
}

export function anyValue(value: Record<string, any>): unknown {
  if ("stringValue" in value) return value.stringValue;
  if ("boolValue" in value) return value.boolValue;
  if ("intValue" in value) return Number(value.intValue);
  if ("doubleValue" in value) return value.doubleValue;
  if ("arrayValue" in value) return (value.arrayValue.values ?? []).map((v: Record<string, any>) => anyValue(v));
  throw new Error(`empty AnyValue: ${JSON.stringify(value)}`);
}

/** The value of Span.flags (field 16, fixed32) of each span, read with protobufjs's Reader. */
export function spanFlags(bytes: Uint8Array): number[] {
  const flags: number[] = [];
  const messages = (buf: Uint8Array, field: number): Uint8Array[] => {
    const reader = protobuf.Reader.create(buf);
    const out: Uint8Array[] = [];
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (tag >>> 3 === field && (tag & 7) === 2) out.push(reader.bytes());
      else reader.skipType(tag & 7);
    }
    return out;
  };
  for (const rs of messages(bytes, 1)) {
    for (const ss of messages(rs, 2)) {
      for (const s of messages(ss, 2)) {
        const reader = protobuf.Reader.create(s);
        while (reader.pos < reader.len) {
          const tag = reader.uint32();
          if (tag === ((16 << 3) | 5)) flags.push(reader.fixed32());
          else reader.skipType(tag & 7);
        }
      }
    }
  }
  return flags;
}

/** Encodes a response the way a collector would. */
export function encodeResponse(partialSuccess?: { rejectedSpans?: number; errorMessage?: string }): Uint8Array {
  return ExportTraceServiceResponse.encode(partialSuccess === undefined ? {} : { partialSuccess }).finish();
}

/** A google.rpc.Status as collectors send it on errors (code = 1, message = 2). */
export function encodeRpcStatus(code: number, message: string): Uint8Array {
  const writer = protobuf.Writer.create();
  writer.uint32((1 << 3) | 0).int32(code);
  writer.uint32((2 << 3) | 2).string(message);
  return writer.finish();
}
