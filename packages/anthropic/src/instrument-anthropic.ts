// instrumentAnthropic: traces every messages.create call of an
// `@anthropic-ai/sdk` client, streamed or not (messages.stream() included,
// since it calls messages.create). The client is instrumented in place and
// returned as is: same object, same type, same APIPromise and Stream objects.
import { instrumentClient, resolveTraceSettings, traceCreate } from "@tracehub/instrumentation";
import { anthropicProfile } from "./anthropic-profile.js";
import type { InstrumentAnthropicOptions } from "./instrument-options.js";
import { messages } from "./messages/messages-operation.js";

const INSTRUMENTED = Symbol.for("tracehub.anthropic.instrumented");

/**
 * Instruments an Anthropic client in place and returns it. Each
 * messages.create call becomes an llm span with model, parameters, input and
 * output, usage with cache reads and writes, time to first token, rate limits,
 * retries and errors. Calling it twice on one client is harmless;
 * `withOptions()` clones are instrumented too.
 */
export function instrumentAnthropic<Client extends object>(client: Client, options?: InstrumentAnthropicOptions): Client {
  return instrumentClient(client, INSTRUMENTED, (sdk) => {
    traceCreate(sdk.messages, messages, { client: sdk, profile: anthropicProfile, settings: resolveTraceSettings(options) });
  });
}
