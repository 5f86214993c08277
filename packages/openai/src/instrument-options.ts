// Options of instrumentOpenAI.
import type { Attributes, Hub } from "@tracehub/core";

export interface InstrumentOpenAIOptions {
  /** Hub the spans go to; the process-wide default hub (configured from the environment) when left out. */
  hub?: Hub;
  /**
   * Record messages and outputs as the span's input and output. Default true;
   * the hub's hideInputs/hideOutputs/mask settings apply on top either way.
   */
  captureContent?: boolean;
  /**
   * Add `stream_options: { include_usage: true }` to streamed chat and
   * completions requests that do not set it, so every stream reports usage
   * (and cost). The extra usage-only chunk is hidden from the caller. Turn
   * off for a server that rejects `stream_options`. Default true.
   */
  streamUsage?: boolean;
  /** Provider to record instead of the one derived from the client's base URL. */
  provider?: string;
  /** Attributes added to every span this client produces. */
  attributes?: Attributes;
}

export interface TraceSettings {
  hub: Hub | undefined;
  captureContent: boolean;
  streamUsage: boolean;
  provider: string | undefined;
  attributes: Attributes | undefined;
}

export function resolveSettings(options: InstrumentOpenAIOptions | undefined): TraceSettings {
  return {
    hub: options?.hub,
    captureContent: options?.captureContent !== false,
    streamUsage: options?.streamUsage !== false,
    provider: typeof options?.provider === "string" ? options.provider : undefined,
    attributes: options?.attributes,
  };
}
