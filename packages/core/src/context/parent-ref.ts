// A reference to a parent span: a live tracehub span, or a remote one known only
// by ids (from a W3C traceparent header or an active OpenTelemetry span).

export interface ParentRef {
  traceId: string;
  spanId: string;
  /** True when the parent lives in another process or tracer and will not be delivered by this hub. */
  remote: boolean;
  /** The W3C sampled flag, when the parent came with one. */
  sampled?: boolean;
}
