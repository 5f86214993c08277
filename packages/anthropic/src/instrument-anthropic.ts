// instrumentAnthropic: traces every messages.create call of an
// `@anthropic-ai/sdk` client, streamed or not (messages.stream() included,
// since it calls messages.create). The client is instrumented in place and
// returned as is: same object, same type, same APIPromise and Stream objects.
import { tapClientFetch } from "./http/fetch-tap.js";
import { httpCalls } from "./http/http-call.js";
import { resolveSettings, type InstrumentAnthropicOptions, type TraceSettings } from "./instrument-options.js";
import { failCall, startTracedCall, watchResult } from "./traced-call.js";

const INSTRUMENTED = Symbol.for("tracehub.anthropic.instrumented");

type Method = (this: unknown, ...args: unknown[]) => unknown;

function traceCreate(resource: unknown, client: object, settings: TraceSettings): void {
  if (resource === null || typeof resource !== "object") return;
  const holder = resource as { create?: unknown };
  const original = holder.create;
  if (typeof original !== "function") return;
  const create = original as Method;
  holder.create = function tracedCreate(this: unknown, body: unknown, ...rest: unknown[]): unknown {
    const call = startTracedCall(client, settings, body, rest[0]);
    if (call === undefined) return create.call(this, body, ...rest);
    let result: unknown;
    try {
      result = httpCalls.run(call.http, () => create.call(this, body, ...rest));
    } catch (error) {
      failCall(call, error);
      throw error;
    }
    watchResult(call, result);
    return result;
  };
}

/**
 * Instruments an Anthropic client in place and returns it. Each
 * messages.create call becomes an llm span with model, parameters, input and
 * output, usage with cache reads and writes, time to first token, rate limits,
 * retries and errors. Calling it twice on one client is harmless;
 * `withOptions()` clones are instrumented too.
 */
export function instrumentAnthropic<Client extends object>(client: Client, options?: InstrumentAnthropicOptions): Client {
  try {
    if (client === null || typeof client !== "object" || INSTRUMENTED in client) return client;
    Object.defineProperty(client, INSTRUMENTED, { value: true });
    const settings = resolveSettings(options);
    tapClientFetch(client);
    const sdk = client as Record<string, unknown>;
    traceCreate(sdk.messages, client, settings);
    const withOptions = sdk.withOptions;
    if (typeof withOptions === "function") {
      sdk.withOptions = function tracedWithOptions(this: unknown, ...args: unknown[]): unknown {
        const clone = (withOptions as Method).apply(this, args);
        return clone !== null && typeof clone === "object" ? instrumentAnthropic(clone, options) : clone;
      };
    }
  } catch {
    // instrumentation is best effort: the client keeps working untraced
  }
  return client;
}
