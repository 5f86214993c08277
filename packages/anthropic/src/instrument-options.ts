// Options of instrumentAnthropic.
import type { Attributes, Hub } from "@tracehub/core";

export interface InstrumentAnthropicOptions {
  /** Hub the spans go to; the process-wide default hub (configured from the environment) when left out. */
  hub?: Hub;
  /**
   * Record the system prompt, messages and the answer as the span's input and
   * output. Default true; the hub's hideInputs/hideOutputs/mask apply on top.
   */
  captureContent?: boolean;
  /** Provider to record instead of the one derived from the client's base URL. */
  provider?: string;
  /** Attributes added to every span this client produces. */
  attributes?: Attributes;
}

export interface TraceSettings {
  hub: Hub | undefined;
  captureContent: boolean;
  provider: string | undefined;
  attributes: Attributes | undefined;
}

export function resolveSettings(options: InstrumentAnthropicOptions | undefined): TraceSettings {
  return {
    hub: options?.hub,
    captureContent: options?.captureContent !== false,
    provider: typeof options?.provider === "string" ? options.provider : undefined,
    attributes: options?.attributes,
  };
}
