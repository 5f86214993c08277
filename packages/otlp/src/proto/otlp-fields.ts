// Field tags (field number << 3 | wire type) of the OTLP trace messages, checked
// against open-telemetry/opentelemetry-proto: collector/trace/v1/trace_service.proto,
// trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto.
// Tests decode what we write with the generated definitions that
// @opentelemetry/otlp-transformer ships, so a wrong number fails a test.

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;

const tag = (field: number, wire: number): number => (field << 3) | wire;

/** ExportTraceServiceRequest */
export const REQUEST_RESOURCE_SPANS = tag(1, LEN);

/** ResourceSpans */
export const RESOURCE_SPANS_RESOURCE = tag(1, LEN);
export const RESOURCE_SPANS_SCOPE_SPANS = tag(2, LEN);

/** Resource */
export const RESOURCE_ATTRIBUTES = tag(1, LEN);

/** ScopeSpans */
export const SCOPE_SPANS_SCOPE = tag(1, LEN);
export const SCOPE_SPANS_SPANS = tag(2, LEN);

/** InstrumentationScope */
export const SCOPE_NAME = tag(1, LEN);
export const SCOPE_VERSION = tag(2, LEN);
export const SCOPE_ATTRIBUTES = tag(3, LEN);

/** Span */
export const SPAN_TRACE_ID = tag(1, LEN);
export const SPAN_SPAN_ID = tag(2, LEN);
export const SPAN_PARENT_SPAN_ID = tag(4, LEN);
export const SPAN_NAME = tag(5, LEN);
export const SPAN_KIND = tag(6, VARINT);
export const SPAN_START_TIME = tag(7, FIXED64);
export const SPAN_END_TIME = tag(8, FIXED64);
export const SPAN_ATTRIBUTES = tag(9, LEN);
export const SPAN_EVENTS = tag(11, LEN);
export const SPAN_LINKS = tag(13, LEN);
export const SPAN_STATUS = tag(15, LEN);
export const SPAN_FLAGS = tag(16, FIXED32);

/** Span.Event */
export const EVENT_TIME = tag(1, FIXED64);
export const EVENT_NAME = tag(2, LEN);
export const EVENT_ATTRIBUTES = tag(3, LEN);

/** Span.Link */
export const LINK_TRACE_ID = tag(1, LEN);
export const LINK_SPAN_ID = tag(2, LEN);
export const LINK_ATTRIBUTES = tag(4, LEN);
export const LINK_FLAGS = tag(6, FIXED32);

/** Status */
export const STATUS_MESSAGE = tag(2, LEN);
export const STATUS_CODE = tag(3, VARINT);

/** KeyValue */
export const KEY_VALUE_KEY = tag(1, LEN);
export const KEY_VALUE_VALUE = tag(2, LEN);

/** AnyValue (oneof) */
export const ANY_STRING = tag(1, LEN);
export const ANY_BOOL = tag(2, VARINT);
export const ANY_INT = tag(3, VARINT);
export const ANY_DOUBLE = tag(4, FIXED64);
export const ANY_ARRAY = tag(5, LEN);

/** ArrayValue */
export const ARRAY_VALUES = tag(1, LEN);

/** Span.SpanKind */
export const SPAN_KIND_INTERNAL = 1;
export const SPAN_KIND_CLIENT = 3;

/** Status.StatusCode */
export const STATUS_CODE_UNSET = 0;
export const STATUS_CODE_OK = 1;
export const STATUS_CODE_ERROR = 2;

/** SpanFlags: low byte is the W3C trace flags; bits 8 and 9 say whether the parent is remote. */
export const SPAN_FLAGS_SAMPLED = 0x01;
export const SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE = 0x100;
export const SPAN_FLAGS_CONTEXT_IS_REMOTE = 0x200;

/** ExportTraceServiceResponse / ExportTracePartialSuccess (field numbers, for the reader). */
export const RESPONSE_PARTIAL_SUCCESS_FIELD = 1;
export const PARTIAL_REJECTED_SPANS_FIELD = 1;
export const PARTIAL_ERROR_MESSAGE_FIELD = 2;

/** google.rpc.Status, the body of an OTLP/HTTP protobuf error response. */
export const RPC_STATUS_MESSAGE_FIELD = 2;
