// The options every vendor instrumentation takes (`instrumentOpenAI(client,
// options)`, `instrumentAnthropic(…)`), and the settings they resolve to.
import type { Attributes, Hub } from "@tracehub/core";

export interface InstrumentOptions {
  /** Hub the spans go to; the process-wide default hub (configured from the environment) when left out. */
  hub?: Hub;
  /**
   * Record the call's content (messages, system prompt, prompt, outputs) as
   * the span's input and output. Default true; the hub's
   * hideInputs/hideOutputs/mask settings apply on top either way.
   */
  captureContent?: boolean;
  /** Provider to record instead of the one derived from the client's base URL. */
  provider?: string;
  /** Attributes added to every span this client produces. */
  attributes?: Attributes;
}

/** A client's instrumentation options, resolved. */
export interface TraceSettings {
  /** Hub the spans go to; the process-wide default hub when undefined. */
  hub: Hub | undefined;
  captureContent: boolean;
  /** Ask streamed calls for usage the caller did not request (operations with `streamRequest`); default true. */
  streamUsage?: boolean;
  /** Provider to record instead of the one derived from the base URL. */
  provider: string | undefined;
  attributes: Attributes | undefined;
}

export function resolveTraceSettings(options: InstrumentOptions | undefined): TraceSettings {
  return {
    hub: options?.hub,
    captureContent: options?.captureContent !== false,
    provider: typeof options?.provider === "string" ? options.provider : undefined,
    attributes: options?.attributes,
  };
}
