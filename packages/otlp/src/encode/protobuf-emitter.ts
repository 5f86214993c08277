// Writes an ExportTraceServiceRequest in the protobuf wire format, directly as
// the walker visits the batch: no intermediate message objects.
import type { OtlpAttributeValue } from "../mappers/attribute-mapper.js";
import { hasNonInteger } from "./attribute-values.js";
import * as F from "../proto/otlp-fields.js";
import { ProtoWriter } from "../proto/proto-writer.js";
import type { KeyEntry } from "./attribute-keys.js";
import type { JsonContent } from "../mappers/json-content.js";
import type { AttributeEntries, InstrumentationScope, RequestEmitter, SpanHeader } from "./request-emitter.js";
import { unixNanosHalves } from "./unix-nanos.js";
import { jsonText } from "../mappers/json-text.js";

export class ProtobufEmitter implements RequestEmitter {
  // Open length-delimited bodies: resourceSpans, scopeSpans, span.
  private resourceAt = 0;
  private scopeAt = 0;
  private spanAt = 0;

  constructor(private readonly w: ProtoWriter) {}

  beginResource(attributes: AttributeEntries): void {
    const w = this.w;
    w.uint32(F.REQUEST_RESOURCE_SPANS);
    this.resourceAt = w.begin();
    w.uint32(F.RESOURCE_SPANS_RESOURCE);
    const at = w.begin();
    this.entries(F.RESOURCE_ATTRIBUTES, attributes);
    w.end(at);
  }

  beginScope(scope: InstrumentationScope): void {
    const w = this.w;
    w.uint32(F.RESOURCE_SPANS_SCOPE_SPANS);
    this.scopeAt = w.begin();
    w.uint32(F.SCOPE_SPANS_SCOPE);
    const at = w.begin();
    w.uint32(F.SCOPE_NAME);
    w.string(scope.name);
    if (scope.version !== undefined) {
      w.uint32(F.SCOPE_VERSION);
      w.string(scope.version);
    }
    if (scope.attributes !== undefined) this.entries(F.SCOPE_ATTRIBUTES, scope.attributes);
    w.end(at);
  }

  beginSpan(h: SpanHeader): void {
    const w = this.w;
    w.uint32(F.SCOPE_SPANS_SPANS);
    this.spanAt = w.begin();
    w.uint32(F.SPAN_TRACE_ID);
    w.hexBytes(h.traceId);
    w.uint32(F.SPAN_SPAN_ID);
    w.hexBytes(h.spanId);
    if (h.parentSpanId !== undefined) {
      w.uint32(F.SPAN_PARENT_SPAN_ID);
      w.hexBytes(h.parentSpanId);
    }
    w.uint32(F.SPAN_FLAGS);
    w.fixed32(h.flags);
    w.uint32(F.SPAN_NAME);
    w.string(h.name);
    w.uint32(F.SPAN_KIND);
    w.uint32(h.kind);
    this.nanos(F.SPAN_START_TIME, h.startMs);
    this.nanos(F.SPAN_END_TIME, h.endMs);
  }

  attribute(key: KeyEntry, value: OtlpAttributeValue): void {
    const w = this.w;
    w.uint32(F.SPAN_ATTRIBUTES);
    const at = w.begin();
    w.bytes((key.bytes ??= encodedKey(key.key)));
    const valueAt = w.begin();
    this.anyValue(value);
    w.end(valueAt);
    w.end(at);
  }

  jsonAttribute(key: KeyEntry, content: JsonContent): boolean {
    const text = jsonText(content.value);
    if (text === undefined) return false;
    this.attribute(key, text);
    return true;
  }

  endAttributes(): void {}

  event(name: string, timeMs: number, attributes: AttributeEntries | undefined): void {
    const w = this.w;
    w.uint32(F.SPAN_EVENTS);
    const at = w.begin();
    this.nanos(F.EVENT_TIME, timeMs);
    w.uint32(F.EVENT_NAME);
    w.string(name);
    if (attributes !== undefined) this.entries(F.EVENT_ATTRIBUTES, attributes);
    w.end(at);
  }

  link(traceId: string, spanId: string, flags: number, attributes: AttributeEntries | undefined): void {
    const w = this.w;
    w.uint32(F.SPAN_LINKS);
    const at = w.begin();
    w.uint32(F.LINK_TRACE_ID);
    w.hexBytes(traceId);
    w.uint32(F.LINK_SPAN_ID);
    w.hexBytes(spanId);
    if (attributes !== undefined) this.entries(F.LINK_ATTRIBUTES, attributes);
    w.uint32(F.LINK_FLAGS);
    w.fixed32(flags);
    w.end(at);
  }

  endSpan(statusCode: number, statusMessage: string | undefined): void {
    const w = this.w;
    w.uint32(F.SPAN_STATUS);
    const at = w.begin();
    if (statusMessage !== undefined && statusMessage !== "") {
      w.uint32(F.STATUS_MESSAGE);
      w.string(statusMessage);
    }
    if (statusCode !== F.STATUS_CODE_UNSET) {
      w.uint32(F.STATUS_CODE);
      w.uint32(statusCode);
    }
    w.end(at);
    w.end(this.spanAt);
  }

  endScope(): void {
    this.w.end(this.scopeAt);
  }

  endResource(): void {
    this.w.end(this.resourceAt);
  }

  private nanos(tag: number, ms: number): void {
    const [lo, hi] = unixNanosHalves(ms);
    this.w.uint32(tag);
    this.w.fixed64(lo, hi);
  }

  private entries(tag: number, attributes: AttributeEntries): void {
    for (const key in attributes) {
      const value = attributes[key];
      if (value !== undefined) this.keyValue(tag, key, value);
    }
  }

  private keyValue(tag: number, key: string, value: OtlpAttributeValue): void {
    const w = this.w;
    w.uint32(tag);
    const at = w.begin();
    w.uint32(F.KEY_VALUE_KEY);
    w.string(key);
    w.uint32(F.KEY_VALUE_VALUE);
    const valueAt = w.begin();
    this.anyValue(value);
    w.end(valueAt);
    w.end(at);
  }

  /** `asDouble`: a number array with any non-integer is written all as doubles (OTLP arrays hold one type). */
  private anyValue(value: OtlpAttributeValue, asDouble = false): void {
    const w = this.w;
    if (typeof value === "string") {
      w.uint32(F.ANY_STRING);
      w.string(value);
    } else if (typeof value === "number") {
      if (!asDouble && Number.isSafeInteger(value)) {
        w.uint32(F.ANY_INT);
        w.int64(value);
      } else {
        w.uint32(F.ANY_DOUBLE);
        w.double(value);
      }
    } else if (typeof value === "boolean") {
      w.uint32(F.ANY_BOOL);
      w.bool(value);
    } else {
      w.uint32(F.ANY_ARRAY);
      const at = w.begin();
      const doubles = hasNonInteger(value);
      for (const item of value) {
        w.uint32(F.ARRAY_VALUES);
        const itemAt = w.begin();
        this.anyValue(item, doubles);
        w.end(itemAt);
      }
      w.end(at);
    }
  }
}

/** The `key` field of a KeyValue, tag and length included, and the tag of its `value`, which always follows. */
function encodedKey(key: string): Uint8Array {
  const w = new ProtoWriter(key.length * 3 + 8);
  w.uint32(F.KEY_VALUE_KEY);
  w.string(key);
  w.uint32(F.KEY_VALUE_VALUE);
  return w.finish();
}
