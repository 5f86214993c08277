// Options of instrumentOpenAI: the ones every vendor instrumentation takes,
// plus stream usage.
import { resolveTraceSettings, type InstrumentOptions, type TraceSettings } from "@tracehub/instrumentation";

export interface InstrumentOpenAIOptions extends InstrumentOptions {
  /**
   * Add `stream_options: { include_usage: true }` to streamed chat and
   * completions requests that do not set it, so every stream reports usage
   * (and cost). The extra usage-only chunk is hidden from the caller. Turn
   * off for a server that rejects `stream_options`. Default true.
   */
  streamUsage?: boolean;
}

export function resolveSettings(options: InstrumentOpenAIOptions | undefined): TraceSettings {
  return { ...resolveTraceSettings(options), streamUsage: options?.streamUsage !== false };
}
