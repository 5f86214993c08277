// Writes an ExportTraceServiceRequest as OTLP/JSON (opentelemetry-proto
// docs/specification.md, "JSON Protobuf Encoding"): lowerCamelCase keys, trace
// and span ids as hex (not base64), enums as integers, 64-bit integers
// (times, intValue) as decimal strings, fields at their default value omitted.
import type { OtlpAttributeValue } from "../mappers/attribute-mapper.js";
import { hasNonInteger } from "./attribute-values.js";
import type { KeyEntry } from "./attribute-keys.js";
import { JsonWriter } from "./json-writer.js";
import { jsonText } from "../mappers/json-text.js";
import type { ChatMessage } from "../mappers/chat-messages.js";
import type { JsonContent } from "../mappers/json-content.js";
import type { AttributeEntries, InstrumentationScope, RequestEmitter, SpanHeader } from "./request-emitter.js";

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const STRING_VALUE_TEXT = '{"stringValue":';
const STRING_VALUE = ascii(STRING_VALUE_TEXT);
const INT_VALUE_TEXT = '{"intValue":"';
const INT_VALUE = ascii(INT_VALUE_TEXT);
const DOUBLE_VALUE = ascii('{"doubleValue":');
const CLOSE_BRACE = 0x7d;
const SPAN_OPEN = ascii('{"traceId":"');
const SPAN_OPEN_AFTER_COMMA = ascii(',{"traceId":"');
const SPAN_ID = ascii('","spanId":"');
const PARENT_SPAN_ID = ascii('","parentSpanId":"');
const FLAGS = ascii('","flags":');
const NAME = ascii(',"name":');
const KIND = ascii(',"kind":');
const START_TIME = ascii(',"startTimeUnixNano":"');
/** `,"kind":K,"startTimeUnixNano":"` for each SpanKind value K (0-5). */
const KIND_AND_START_TIME = Array.from({ length: 6 }, (_, kind) => ascii(`,"kind":${kind},"startTimeUnixNano":"`));
const END_TIME = ascii('","endTimeUnixNano":"');
const ATTRIBUTES_OPEN = ascii('","attributes":[');
const STATUS = ascii(',"status":{');
const STATUS_AFTER_LIST = ascii('],"status":{');
const STATUS_MESSAGE = ascii('"message":');
const STATUS_CODE = ascii('"code":');
const STATUS_CODE_AFTER_MESSAGE = ascii(',"code":');
const BOOL_TRUE = ascii('{"boolValue":true}');
const BOOL_FALSE = ascii('{"boolValue":false}');

export class JsonEmitter implements RequestEmitter {
  /** Serial of the request being written, for KeyEntry's written-value positions. */
  private request = 0;
  private firstResource = true;
  /** The last trace id written and its bytes. */
  private traceId = "";
  private traceIdBytes: Uint8Array = new Uint8Array(0);
  private firstScope = true;
  private firstSpan = true;
  private firstAttribute = true;
  private inEvents = false;
  private inLinks = false;

  constructor(private readonly w: JsonWriter) {}

  /** Opens the request; call first, on a fresh writer. */
  open(): void {
    this.request++;
    this.traceId = "";
    this.firstResource = true;
    this.w.ascii('{"resourceSpans":[');
  }

  /** Closes the request; call once, after the last resource. */
  close(): void {
    this.w.ascii("]}");
  }

  beginResource(attributes: AttributeEntries): void {
    const w = this.w;
    w.ascii(this.firstResource ? '{"resource":{"attributes":' : ',{"resource":{"attributes":');
    this.entries(attributes);
    w.ascii('},"scopeSpans":[');
    this.firstResource = false;
    this.firstScope = true;
  }

  beginScope(scope: InstrumentationScope): void {
    const w = this.w;
    w.ascii(this.firstScope ? '{"scope":{"name":' : ',{"scope":{"name":');
    w.string(scope.name);
    if (scope.version !== undefined) {
      w.ascii(',"version":');
      w.string(scope.version);
    }
    if (scope.attributes !== undefined) {
      w.ascii(',"attributes":');
      this.entries(scope.attributes);
    }
    w.ascii('},"spans":[');
    this.firstScope = false;
    this.firstSpan = true;
  }

  beginSpan(h: SpanHeader): void {
    const w = this.w;
    // The fixed text and the ids in one reservation.
    const parent = h.parentSpanId;
    w.reserve(64 + h.traceId.length + h.spanId.length + (parent === undefined ? 0 : parent.length));
    w.putBytes(this.firstSpan ? SPAN_OPEN : SPAN_OPEN_AFTER_COMMA);
    // Runs of spans share their trace: its id is encoded once per run.
    if (h.traceId !== this.traceId) {
      this.traceId = h.traceId;
      this.traceIdBytes = ascii(h.traceId);
    }
    w.putBytes(this.traceIdBytes);
    w.putBytes(SPAN_ID);
    w.putAscii(h.spanId);
    if (parent !== undefined) {
      w.putBytes(PARENT_SPAN_ID);
      w.putAscii(parent);
    }
    w.putBytes(FLAGS);
    w.integer(h.flags);
    w.headedString(false, NAME, h.name, 0);
    w.reserve(64);
    const kindAndStart = KIND_AND_START_TIME[h.kind];
    if (kindAndStart !== undefined) {
      w.putBytes(kindAndStart);
    } else {
      w.putBytes(KIND);
      w.integer(h.kind);
      w.reserve(32);
      w.putBytes(START_TIME);
    }
    w.unixNanos(h.startMs);
    w.reserve(32);
    w.putBytes(END_TIME);
    w.unixNanos(h.endMs);
    w.reserve(32);
    w.putBytes(ATTRIBUTES_OPEN);
    this.firstSpan = false;
    this.firstAttribute = true;
    this.inEvents = false;
    this.inLinks = false;
  }

  attribute(key: KeyEntry, value: OtlpAttributeValue): void {
    const w = this.w;
    const comma = !this.firstAttribute;
    this.firstAttribute = false;
    if (typeof value === "string") {
      if (value === key.writtenValue && key.writtenIn === this.request) {
        w.copyWritten(comma, key.writtenAt, key.writtenEnd);
        return;
      }
      const at = comma ? w.pos + 1 : w.pos;
      w.headedString(comma, (key.stringBytes ??= encodedKey(key.key, STRING_VALUE_TEXT)), value, 2);
      key.writtenValue = value;
      key.writtenIn = this.request;
      key.writtenAt = at;
      key.writtenEnd = w.pos;
      return;
    }
    if (typeof value === "number" && Number.isSafeInteger(value)) {
      w.head(comma, (key.intBytes ??= encodedKey(key.key, INT_VALUE_TEXT)));
      w.integer(value);
      w.closeString(2);
      return;
    }
    w.head(comma, (key.bytes ??= encodedKey(key.key, "")));
    this.anyValue(value);
    w.closeBraces(1);
  }

  jsonAttribute(key: KeyEntry, content: JsonContent): boolean {
    const w = this.w;
    const value = content.value;
    const mark = w.pos;
    w.head(!this.firstAttribute, (key.stringBytes ??= encodedKey(key.key, STRING_VALUE_TEXT)));
    const written = content.chatMessages ? w.chatMessagesAsString(value as readonly ChatMessage[]) : w.jsonAsString(value);
    if (written) {
      w.closeBraces(2);
      this.firstAttribute = false;
      return true;
    }
    // Not plain JSON data (a toJSON method, a Date, a cycle…): JSON.stringify decides, as in protobuf.
    w.pos = mark;
    const text = jsonText(value);
    if (text === undefined) return false;
    this.attribute(key, text);
    return true;
  }

  endAttributes(): void {
    this.w.ascii("]");
  }

  event(name: string, timeMs: number, attributes: AttributeEntries | undefined): void {
    const w = this.w;
    w.ascii(this.inEvents ? ',{"timeUnixNano":"' : ',"events":[{"timeUnixNano":"');
    this.inEvents = true;
    w.unixNanos(timeMs);
    w.ascii('","name":');
    w.string(name);
    if (attributes !== undefined) {
      w.ascii(',"attributes":');
      this.entries(attributes);
    }
    w.ascii("}");
  }

  link(traceId: string, spanId: string, flags: number, attributes: AttributeEntries | undefined): void {
    const w = this.w;
    if (this.inLinks) {
      w.ascii(",");
    } else {
      w.ascii(this.inEvents ? '],"links":[' : ',"links":[');
      this.inEvents = false;
      this.inLinks = true;
    }
    w.ascii('{"traceId":"');
    w.ascii(traceId);
    w.ascii('","spanId":"');
    w.ascii(spanId);
    w.ascii('"');
    if (attributes !== undefined) {
      w.ascii(',"attributes":');
      this.entries(attributes);
    }
    w.ascii(',"flags":');
    w.integer(flags);
    w.ascii("}");
  }

  endSpan(statusCode: number, statusMessage: string | undefined): void {
    const w = this.w;
    w.reserve(32);
    w.putBytes(this.inEvents || this.inLinks ? STATUS_AFTER_LIST : STATUS);
    const hasMessage = statusMessage !== undefined && statusMessage !== "";
    if (hasMessage) w.headedString(false, STATUS_MESSAGE, statusMessage, 0);
    if (statusCode !== 0) {
      w.reserve(16);
      w.putBytes(hasMessage ? STATUS_CODE_AFTER_MESSAGE : STATUS_CODE);
      w.integer(statusCode);
    }
    w.closeBraces(2);
  }

  endScope(): void {
    this.w.ascii("]}");
  }

  endResource(): void {
    this.w.ascii("]}");
  }

  private entries(attributes: AttributeEntries): void {
    this.w.ascii("[");
    let first = true;
    for (const key in attributes) {
      const value = attributes[key];
      if (value === undefined) continue;
      this.keyValue(first, key, value);
      first = false;
    }
    this.w.ascii("]");
  }

  private keyValue(first: boolean, key: string, value: OtlpAttributeValue): void {
    const w = this.w;
    w.ascii(first ? '{"key":' : ',{"key":');
    w.string(key);
    w.ascii(',"value":');
    this.anyValue(value);
    w.ascii("}");
  }

  /** `asDouble`: a number array with any non-integer is written all as doubles (OTLP arrays hold one type). */
  private anyValue(value: OtlpAttributeValue, asDouble = false): void {
    const w = this.w;
    if (typeof value === "string") {
      w.headedString(false, STRING_VALUE, value, 1);
    } else if (typeof value === "number") {
      if (!asDouble && Number.isSafeInteger(value)) {
        w.bytes(INT_VALUE);
        w.integer(value);
        w.closeString(1);
      } else {
        w.bytes(DOUBLE_VALUE);
        w.ascii(doubleText(value));
        w.byte(CLOSE_BRACE);
      }
    } else if (typeof value === "boolean") {
      w.bytes(value ? BOOL_TRUE : BOOL_FALSE);
    } else {
      w.ascii('{"arrayValue":{"values":[');
      const doubles = hasNonInteger(value);
      for (let i = 0; i < value.length; i++) {
        if (i > 0) w.ascii(",");
        this.anyValue(value[i] as string | number | boolean, doubles);
      }
      w.ascii("]}}");
    }
  }
}

/** proto3 JSON spells non-finite doubles as strings. */
function doubleText(value: number): string {
  if (Number.isNaN(value)) return '"NaN"';
  if (!Number.isFinite(value)) return value > 0 ? '"Infinity"' : '"-Infinity"';
  return String(value);
}

/** `{"key":"…","value":` and `valueStart`: the start of a KeyValue object. */
function encodedKey(key: string, valueStart: string): Uint8Array {
  const w = new JsonWriter(key.length * 6 + 24 + valueStart.length);
  w.ascii('{"key":');
  w.string(key);
  w.ascii(',"value":');
  w.ascii(valueStart);
  return w.finish();
}
