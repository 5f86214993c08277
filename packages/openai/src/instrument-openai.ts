// instrumentOpenAI: traces every chat.completions, responses, embeddings and
// completions call of an `openai` client (v4 to v6; AzureOpenAI too). The
// client is instrumented in place and returned as is: same object, same type,
// same APIPromise and Stream objects handed to the caller.
import { tapClientFetch } from "./http/fetch-tap.js";
import { httpCalls } from "./http/http-call.js";
import { resolveSettings, type InstrumentOpenAIOptions, type TraceSettings } from "./instrument-options.js";
import type { Operation } from "./operations/operation.js";
import { chatCompletions } from "./operations/chat-completions.js";
import { completions } from "./operations/completions.js";
import { embeddings } from "./operations/embeddings.js";
import { responses } from "./operations/responses.js";
import { failCall, startTracedCall, watchResult } from "./traced-call.js";

const INSTRUMENTED = Symbol.for("tracehub.openai.instrumented");

type Method = (this: unknown, ...args: unknown[]) => unknown;

function traceMethod(resource: unknown, operation: Operation, client: object, settings: TraceSettings): void {
  if (resource === null || typeof resource !== "object") return;
  const holder = resource as { create?: unknown };
  const original = holder.create;
  if (typeof original !== "function") return;
  const create = original as Method;
  holder.create = function tracedCreate(this: unknown, body: unknown, ...rest: unknown[]): unknown {
    const call = startTracedCall(client, operation, settings, body, rest[0]);
    if (call === undefined) return create.call(this, body, ...rest);
    let result: unknown;
    try {
      result = httpCalls.run(call.http, () => create.call(this, call.body, ...rest));
    } catch (error) {
      failCall(call, error);
      throw error;
    }
    watchResult(call, result);
    return result;
  };
}

/**
 * Instruments an OpenAI client in place and returns it. Each call becomes a
 * span (kind llm or embedding) with model, parameters, input and output,
 * usage (streams included), time to first token, rate limits, retries and
 * errors. Calling it twice on one client is harmless; `withOptions()` clones
 * are instrumented too.
 */
export function instrumentOpenAI<Client extends object>(client: Client, options?: InstrumentOpenAIOptions): Client {
  try {
    if (client === null || typeof client !== "object" || INSTRUMENTED in client) return client;
    Object.defineProperty(client, INSTRUMENTED, { value: true });
    const settings = resolveSettings(options);
    tapClientFetch(client);
    const sdk = client as Record<string, unknown> & { chat?: { completions?: unknown } };
    traceMethod(sdk.chat?.completions, chatCompletions, client, settings);
    traceMethod(sdk.responses, responses, client, settings);
    traceMethod(sdk.embeddings, embeddings, client, settings);
    traceMethod(sdk.completions, completions, client, settings);
    const withOptions = sdk.withOptions;
    if (typeof withOptions === "function") {
      sdk.withOptions = function tracedWithOptions(this: unknown, ...args: unknown[]): unknown {
        const clone = (withOptions as Method).apply(this, args);
        return clone !== null && typeof clone === "object" ? instrumentOpenAI(clone, options) : clone;
      };
    }
  } catch {
    // instrumentation is best effort: the client keeps working untraced
  }
  return client;
}
