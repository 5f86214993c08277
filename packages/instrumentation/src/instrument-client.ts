// Instrumenting an SDK client in place: mark it once, tap its fetch, replace
// the `create` methods of the resources a vendor traces, and do the same to
// every `withOptions()` clone. The client stays the same object with the same
// type; each traced method returns the SDK's own APIPromise and Stream.
import { tapClientFetch } from "./http/fetch-tap.js";
import { httpCalls } from "./http/http-call.js";
import type { Operation } from "./operation.js";
import type { ClientTracing } from "./sdk-profile.js";
import { failCall, startTracedCall, watchResult } from "./traced-call.js";

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Instruments `client` once (a second call with the same marker is a no-op):
 * taps its fetch, then lets `instrument` trace its resources. `withOptions()`
 * clones get the same treatment. Never throws: a client we cannot instrument
 * keeps working untraced.
 */
export function instrumentClient<Client extends object>(client: Client, marker: symbol, instrument: (sdk: Record<string, unknown>) => void): Client {
  try {
    if (client === null || typeof client !== "object" || marker in client) return client;
    Object.defineProperty(client, marker, { value: true });
    tapClientFetch(client);
    const sdk = client as Record<string, unknown>;
    instrument(sdk);
    const withOptions = sdk.withOptions;
    if (typeof withOptions === "function") {
      sdk.withOptions = function tracedWithOptions(this: unknown, ...args: unknown[]): unknown {
        const clone = (withOptions as Method).apply(this, args);
        return clone !== null && typeof clone === "object" ? instrumentClient(clone, marker, instrument) : clone;
      };
    }
  } catch {
    // instrumentation is best effort: the client keeps working untraced
  }
  return client;
}

/** Replaces `resource.create` with one that traces each call as `operation`; does nothing when there is none. */
export function traceCreate(resource: unknown, operation: Operation, tracing: ClientTracing): void {
  if (resource === null || typeof resource !== "object") return;
  const holder = resource as { create?: unknown };
  const original = holder.create;
  if (typeof original !== "function") return;
  const create = original as Method;
  holder.create = function tracedCreate(this: unknown, body: unknown, ...rest: unknown[]): unknown {
    const call = startTracedCall(tracing, operation, body, rest[0]);
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
