// The handle given to user code when a span could not be started: it accepts
// every call and records nothing, so tracing trouble never reaches the caller.
import { LiveSpan, type SpanSink } from "./live-span.js";
import type { SpanHandle } from "./span-handle.js";

const NOOP_SINK: SpanSink = { onSpanStart() {}, onSpanEnd() {} };
/** Handed to user code when a span could not be started: accepts every call, records nothing. */
export const NOOP_HANDLE: SpanHandle = new LiveSpan(
  NOOP_SINK,
  "00000000000000000000000000000000",
  "0000000000000000",
  undefined,
  false,
  "noop",
  "span",
  0,
  {},
  false,
);
