// What a collector demands of an OTLP/HTTP trace request, checked on the bytes
// an adapter really sent. Protobuf bodies are decoded with the protobufjs code
// @opentelemetry/otlp-transformer generates from opentelemetry-proto (a wrong
// field number or wire type fails here); JSON bodies are checked against the
// OTLP/JSON rules (hex ids, decimal-string 64-bit integers, integer enums,
// lowerCamelCase keys, one AnyValue field set).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const transformerRequire = createRequire(require.resolve("@opentelemetry/otlp-transformer"));
const root = transformerRequire("./generated/root.js") as any;
const ExportTraceServiceRequest = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

export interface OtlpSpanSummary {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
}

export interface OtlpCheck {
  problems: string[];
  spans: OtlpSpanSummary[];
}

const HEX = (bytes: number) => new RegExp(`^[0-9a-f]{${bytes * 2}}$`);
const ALL_ZERO = /^0+$/;
const DECIMAL = /^\d+$/;
const CAMEL_KEY = /^[a-z][a-zA-Z0-9]*$/;
const ANY_VALUE_FIELDS = ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"];

/** Decodes a protobuf ExportTraceServiceRequest and checks every span. */
export function checkOtlpProtobuf(body: Uint8Array): OtlpCheck {
  let plain: any;
  try {
    const message = ExportTraceServiceRequest.decode(body);
    plain = ExportTraceServiceRequest.toObject(message, { longs: String, enums: Number, bytes: Array, arrays: true, oneofs: true });
  } catch (error) {
    return { problems: [`protobuf does not decode: ${String(error)}`], spans: [] };
  }
  const hex = (bytes: number[] | undefined) => Buffer.from(bytes ?? []).toString("hex");
  return checkRequest(plain, {
    id: (value) => (Array.isArray(value) ? hex(value) : `<not bytes: ${typeof value}>`),
    nanos: (value) => (typeof value === "string" && DECIMAL.test(value) ? BigInt(value) : undefined),
    json: false,
  });
}

/** Parses an OTLP/JSON body and checks it by the JSON encoding's own rules as well. */
export function checkOtlpJson(body: Uint8Array): OtlpCheck {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return { problems: ["JSON body is not valid UTF-8"], spans: [] };
  }
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problems: [`JSON body does not parse: ${String(error)}`], spans: [] };
  }
  const problems: string[] = [];
  checkJsonKeys(parsed, "", problems);
  const result = checkRequest(parsed, {
    id: (value) => (typeof value === "string" ? value : `<not a hex string: ${typeof value}>`),
    nanos: (value) => (typeof value === "string" && DECIMAL.test(value) ? BigInt(value) : undefined),
    json: true,
  });
  return { problems: [...problems, ...result.problems], spans: result.spans };
}

interface Codec {
  id(value: unknown): string;
  nanos(value: unknown): bigint | undefined;
  json: boolean;
}

function checkRequest(request: any, codec: Codec): OtlpCheck {
  const problems: string[] = [];
  const spans: OtlpSpanSummary[] = [];
  const resourceSpans = request?.resourceSpans;
  if (!Array.isArray(resourceSpans) || resourceSpans.length === 0) return { problems: ["no resourceSpans"], spans };
  for (const rs of resourceSpans) {
    checkAttributes(rs.resource?.attributes ?? [], "resource", problems, codec);
    for (const ss of rs.scopeSpans ?? []) {
      if (typeof ss.scope?.name !== "string" || ss.scope.name === "") problems.push("scope without a name");
      for (const span of ss.spans ?? []) spans.push(checkSpan(span, problems, codec));
    }
  }
  if (spans.length === 0) problems.push("a request without spans");
  return { problems, spans };
}

function checkSpan(span: any, problems: string[], codec: Codec): OtlpSpanSummary {
  const traceId = codec.id(span.traceId);
  const spanId = codec.id(span.spanId);
  const parentSpanId = span.parentSpanId === undefined ? "" : codec.id(span.parentSpanId);
  const where = `span ${spanId}`;
  if (!HEX(16).test(traceId) || ALL_ZERO.test(traceId)) problems.push(`${where}: bad traceId ${traceId}`);
  if (!HEX(8).test(spanId) || ALL_ZERO.test(spanId)) problems.push(`${where}: bad spanId`);
  if (parentSpanId !== "" && (!HEX(8).test(parentSpanId) || ALL_ZERO.test(parentSpanId))) problems.push(`${where}: bad parentSpanId ${parentSpanId}`);
  if (typeof span.name !== "string" || span.name === "") problems.push(`${where}: empty name`);
  const start = codec.nanos(span.startTimeUnixNano);
  const end = codec.nanos(span.endTimeUnixNano);
  if (start === undefined || start <= 0n) problems.push(`${where}: bad startTimeUnixNano ${String(span.startTimeUnixNano)}`);
  if (end === undefined) problems.push(`${where}: bad endTimeUnixNano ${String(span.endTimeUnixNano)}`);
  if (start !== undefined && end !== undefined && end < start) problems.push(`${where}: ends before it starts`);
  if (!Number.isInteger(span.kind ?? 0) || (span.kind ?? 0) < 0 || (span.kind ?? 0) > 5) problems.push(`${where}: bad kind ${span.kind}`);
  const code = span.status?.code ?? 0;
  if (!Number.isInteger(code) || code < 0 || code > 2) problems.push(`${where}: bad status code ${code}`);
  if (span.status?.message !== undefined && typeof span.status.message !== "string") problems.push(`${where}: bad status message`);
  checkAttributes(span.attributes ?? [], where, problems, codec);
  for (const event of span.events ?? []) {
    const time = codec.nanos(event.timeUnixNano);
    if (time === undefined || time <= 0n) problems.push(`${where}: event with bad timeUnixNano ${String(event.timeUnixNano)}`);
    if (typeof event.name !== "string") problems.push(`${where}: event without a name`);
    checkAttributes(event.attributes ?? [], `${where} event`, problems, codec);
  }
  for (const link of span.links ?? []) {
    const linkTrace = codec.id(link.traceId);
    const linkSpan = codec.id(link.spanId);
    if (!HEX(16).test(linkTrace) || ALL_ZERO.test(linkTrace)) problems.push(`${where}: link with bad traceId ${linkTrace}`);
    if (!HEX(8).test(linkSpan) || ALL_ZERO.test(linkSpan)) problems.push(`${where}: link with bad spanId ${linkSpan}`);
    checkAttributes(link.attributes ?? [], `${where} link`, problems, codec);
  }
  return { traceId, spanId, parentSpanId, name: String(span.name) };
}

function checkAttributes(list: any[], where: string, problems: string[], codec: Codec): void {
  const seen = new Set<string>();
  for (const kv of list) {
    if (typeof kv.key !== "string" || kv.key === "") problems.push(`${where}: attribute with an empty key`);
    else if (seen.has(kv.key)) problems.push(`${where}: attribute ${kv.key} repeated`);
    seen.add(kv.key);
    const kind = checkAnyValue(kv.value, `${where} attribute ${String(kv.key).slice(0, 40)}`, problems, codec);
    if (kind === "arrayValue") {
      const kinds = new Set((kv.value.arrayValue.values ?? []).map((v: any) => setFields(v)[0]));
      if (kinds.size > 1) problems.push(`${where} attribute ${kv.key}: array of mixed types ${[...kinds].join(",")}`);
    }
  }
}

function setFields(value: any): string[] {
  if (value === null || typeof value !== "object") return [];
  return ANY_VALUE_FIELDS.filter((f) => value[f] !== undefined && value[f] !== null);
}

/** Exactly one AnyValue field, each of its type; returns which one. */
function checkAnyValue(value: any, where: string, problems: string[], codec: Codec): string | undefined {
  const fields = setFields(value);
  if (fields.length !== 1) {
    problems.push(`${where}: AnyValue with ${fields.length} fields set`);
    return undefined;
  }
  const field = fields[0] as string;
  const v = value[field];
  if (field === "stringValue" && typeof v !== "string") problems.push(`${where}: stringValue not a string`);
  if (field === "boolValue" && typeof v !== "boolean") problems.push(`${where}: boolValue not a boolean`);
  if (field === "intValue" && !(typeof v === "string" ? /^-?\d+$/.test(v) : Number.isSafeInteger(v))) problems.push(`${where}: bad intValue ${String(v)}`);
  if (field === "intValue" && codec.json && typeof v !== "string") problems.push(`${where}: intValue not a decimal string in JSON`);
  if (field === "doubleValue") {
    const ok = typeof v === "number" || (codec.json && (v === "NaN" || v === "Infinity" || v === "-Infinity"));
    if (!ok) problems.push(`${where}: bad doubleValue ${String(v)}`);
  }
  if (field === "arrayValue") {
    for (const item of v.values ?? []) checkAnyValue(item, `${where}[]`, problems, codec);
  }
  if (field === "kvlistValue") checkAttributes(v.values ?? [], where, problems, codec);
  return field;
}

/** OTLP/JSON keys are lowerCamelCase field names; attribute names only ever appear as `key` values. */
function checkJsonKeys(value: unknown, path: string, problems: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkJsonKeys(item, `${path}[${i}]`, problems));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    if (!CAMEL_KEY.test(key)) problems.push(`JSON key "${key}" at ${path} is not lowerCamelCase`);
    checkJsonKeys(child, `${path}.${key}`, problems);
  }
}
