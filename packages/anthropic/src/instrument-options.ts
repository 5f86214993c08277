// Options of instrumentAnthropic: the ones every vendor instrumentation takes.
import type { InstrumentOptions } from "@tracehub/instrumentation";

export type InstrumentAnthropicOptions = InstrumentOptions;
