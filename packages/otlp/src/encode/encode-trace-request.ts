// The public, reusable OTLP trace encoder: tracehub spans and scores in, an
// ExportTraceServiceRequest out, as protobuf or OTLP/JSON (UTF-8) bytes. Other
// adapters (@tracehub/langfuse) call it with their own attribute mappers.
import type { ReadonlySpan, RejectedItem, Score } from "@tracehub/core";
import { spanAttributes, type SpanAttributeMapper } from "../mappers/attribute-mapper.js";
import { genAiAttributes } from "../mappers/genai-attributes.js";
import { openInferenceAttributes } from "../mappers/openinference-attributes.js";
import { tracehubAttributes } from "../mappers/tracehub-attributes.js";
import { OTLP_PACKAGE_VERSION } from "../version.js";
import { JsonEncoder, ProtobufEncoder, withEncoder, type FormatEncoder } from "./format-encoders.js";
import type { AttributeEntries, InstrumentationScope } from "./request-emitter.js";
import { walkRequest, type WalkOptions } from "./walk-request.js";

export interface TraceRequestInput {
  readonly spans: readonly ReadonlySpan[];
  /** Scores become `gen_ai.evaluation.result` events (see {@link TraceRequestOptions.scoreEvents}). */
  readonly scores?: readonly Score[] | undefined;
}

export interface TraceRequestOptions {
  /**
   * Resource attributes common to every span. `telemetry.sdk.*` are added
   * unless given; service.name, service.version and deployment.environment.name
   * come from each span's trace context.
   */
  resource?: AttributeEntries;
  /** Instrumentation scope. Default `{ name: "tracehub", version }`. */
  scope?: InstrumentationScope;
  /**
   * Attribute mappers run in order for each span; the first to add a key wins.
   * Default {@link DEFAULT_ATTRIBUTE_MAPPERS}.
   */
  attributeMappers?: readonly SpanAttributeMapper[];
  /** Write scores as evaluation events. Default true. */
  scoreEvents?: boolean;
}

export interface EncodedTraceRequest<Body> {
  body: Body;
  /** Spans in the request, evaluation spans for lone scores included. */
  spanCount: number;
  /** Spans and scores left out because of an invalid id; never sent, never worth retrying. */
  invalid: RejectedItem[];
}

/** The span's own attributes, then GenAI, OpenInference and tracehub extras. */
export const DEFAULT_ATTRIBUTE_MAPPERS: readonly SpanAttributeMapper[] = [
  spanAttributes,
  genAiAttributes,
  openInferenceAttributes,
  tracehubAttributes,
];

const SDK_RESOURCE: AttributeEntries = {
  "telemetry.sdk.name": "tracehub",
  "telemetry.sdk.language": "nodejs",
  "telemetry.sdk.version": OTLP_PACKAGE_VERSION,
};

const DEFAULT_SCOPE: InstrumentationScope = { name: "tracehub", version: OTLP_PACKAGE_VERSION };

const protobufPool = { idle: undefined as ProtobufEncoder | undefined, create: () => new ProtobufEncoder() };
const jsonPool = { idle: undefined as JsonEncoder | undefined, create: () => new JsonEncoder() };

/** Encodes spans and scores as a protobuf ExportTraceServiceRequest. */
export function encodeTraceRequest(
  input: TraceRequestInput,
  options: TraceRequestOptions = {},
): EncodedTraceRequest<Uint8Array> {
  return withEncoder(protobufPool, (encoder) => encode(encoder, input, options));
}

/** Encodes spans and scores as an OTLP/JSON ExportTraceServiceRequest (UTF-8 bytes). */
export function encodeTraceRequestJson(
  input: TraceRequestInput,
  options: TraceRequestOptions = {},
): EncodedTraceRequest<Uint8Array> {
  return withEncoder(jsonPool, (encoder) => encode(encoder, input, options));
}

function encode(encoder: FormatEncoder, input: TraceRequestInput, options: TraceRequestOptions): EncodedTraceRequest<Uint8Array> {
  encoder.start(input.spans.length + (input.scores?.length ?? 0));
  const summary = walkRequest(input, walkOptions(options), encoder);
  return { body: encoder.finish(summary.spanCount), ...summary };
}

function walkOptions(options: TraceRequestOptions): WalkOptions {
  return {
    resource: options.resource === undefined ? SDK_RESOURCE : { ...SDK_RESOURCE, ...options.resource },
    scope: options.scope ?? DEFAULT_SCOPE,
    mappers: options.attributeMappers ?? DEFAULT_ATTRIBUTE_MAPPERS,
    scoreEvents: options.scoreEvents ?? true,
  };
}
