// @tracehub/otlp public surface: the adapter (loaded by createHub as "otlp"),
// and the reusable OTLP encoder with its composable attribute mappers.

// Adapter
export { tracehubAdapter } from "./factory.js";
export { OtlpAdapter, type OtlpAdapterStats } from "./otlp-adapter.js";
export {
  resolveOtlpConfig,
  otlpOptionsSchema,
  DEFAULT_OTLP_URL,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_LIMITS,
  type OtlpAdapterOptions,
  type ResolvedOtlpConfig,
} from "./transport/otlp-options.js";
export type { OtlpProtocol, OtlpCompression } from "./transport/otlp-env.js";

// Encoder
export {
  encodeTraceRequest,
  encodeTraceRequestJson,
  DEFAULT_ATTRIBUTE_MAPPERS,
  type TraceRequestInput,
  type TraceRequestOptions,
  type EncodedTraceRequest,
} from "./encode/encode-trace-request.js";
export type { AttributeEntries, InstrumentationScope } from "./encode/request-emitter.js";
export { EVALUATION_EVENT_NAME, scoreAttributes, evaluationSpanId } from "./encode/score-events.js";

// Attribute mappers
export {
  spanAttributes,
  type SpanAttributeMapper,
  type AddAttribute,
  type OtlpAttributeValue,
} from "./mappers/attribute-mapper.js";
export { genAiAttributes, genAiAttributeMapper, type GenAiMapperOptions } from "./mappers/genai-attributes.js";
export {
  openInferenceAttributes,
  openInferenceAttributeMapper,
  type OpenInferenceMapperOptions,
} from "./mappers/openinference-attributes.js";
export { tracehubAttributes } from "./mappers/tracehub-attributes.js";
export { inputMessages, outputMessages, type ChatMessage, type ChatPart } from "./mappers/chat-messages.js";

// Response reading, for adapters that send through the encoder themselves
export { readPartialSuccess, readRpcStatusMessage, type PartialSuccess } from "./proto/proto-reader.js";

// Transport pieces, for adapters that speak OTLP/HTTP to their own endpoint
export { postOtlp, type HttpRequest, type HttpOutcome } from "./transport/http-export.js";
export { mapOtlpOutcome, type MappedOutcome } from "./transport/map-response.js";
