// What the request walker drives: one implementation writes protobuf, the other
// OTLP/JSON. The walker decides what goes out; an emitter only decides how, so
// both formats carry exactly the same data.
import type { OtlpAttributeValue } from "../mappers/attribute-mapper.js";
import type { KeyEntry } from "./attribute-keys.js";
import type { JsonContent } from "../mappers/json-content.js";

export type AttributeEntries = Readonly<Record<string, OtlpAttributeValue | undefined>>;

export interface InstrumentationScope {
  name: string;
  version?: string | undefined;
  attributes?: AttributeEntries | undefined;
}

/** The fixed fields of one span, written before its attributes. Ids are valid lowercase hex. */
export interface SpanHeader {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  flags: number;
  name: string;
  kind: number;
  startMs: number;
  endMs: number;
}

/**
 * Call order: beginResource, then per scope beginScope, per span beginSpan →
 * attribute* → endAttributes → event* → link* → endSpan; endScope; endResource.
 */
export interface RequestEmitter {
  beginResource(attributes: AttributeEntries): void;
  beginScope(scope: InstrumentationScope): void;
  beginSpan(header: SpanHeader): void;
  /** A span attribute; `key.bytes` is the emitter's to fill and reuse. */
  attribute(key: KeyEntry, value: OtlpAttributeValue): void;
  /** A span attribute whose string value is `content`'s value as JSON text; false (and nothing written) when it has none. */
  jsonAttribute(key: KeyEntry, content: JsonContent): boolean;
  endAttributes(): void;
  event(name: string, timeMs: number, attributes: AttributeEntries | undefined): void;
  link(traceId: string, spanId: string, flags: number, attributes: AttributeEntries | undefined): void;
  endSpan(statusCode: number, statusMessage: string | undefined): void;
  endScope(): void;
  endResource(): void;
}
