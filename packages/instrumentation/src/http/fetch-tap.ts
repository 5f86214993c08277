// The HTTP seam. Stainless-generated SDKs (openai v4–v6, @anthropic-ai/sdk
// 0.x–1.x) keep the `fetch` they were given (or the global one) on the client
// as `client.fetch` and call it for every attempt (`this.fetch.call(undefined,
// url, init)` in fetchWithTimeout; in Anthropic 1.x as the innermost step of
// its middleware chain, after request middleware and signing, so the tap sees
// what goes over the wire); `withOptions()` copies it into the clone.
// Replacing that property with a tap that calls the original sees each
// attempt's request headers (retry count) and response (status, rate-limit
// headers, body copy) without changing what the SDK sends or receives. It is
// the same contract as the documented `fetch` client option, so a user's own
// fetch keeps working underneath. Requests made outside a traced call pass
// straight through.
import { httpCalls } from "./http-call.js";

// One marker for every vendor: the tap looks calls up in the one `httpCalls` store, so a fetch
// already tapped (a `withOptions()` clone's) needs no second tap whichever SDK holds it.
const TAPPED = Symbol.for("tracehub.fetchTap");

type FetchLike = (this: unknown, url: unknown, init?: RequestInit) => Promise<Response>;

/** Taps `client.fetch` once; false when this SDK version holds no fetch there. */
export function tapClientFetch(client: object): boolean {
  const holder = client as { fetch?: unknown };
  const original = holder.fetch;
  if (typeof original !== "function") return false;
  if ((original as unknown as Record<symbol, unknown>)[TAPPED] === true) return true;
  const fetch = original as FetchLike;
  const tapped = function tracehubFetch(this: unknown, url: unknown, init?: RequestInit): Promise<Response> {
    const call = httpCalls.getStore();
    if (call === undefined || !call.matches(url)) return fetch.call(this, url, init);
    try {
      call.onAttempt(init);
    } catch {
      // observing must never break the request
    }
    return fetch.call(this, url, init).then(
      (response) => {
        try {
          call.onResponse(response);
        } catch {
          // a response we cannot read is still the caller's response
        }
        return response;
      },
      (error: unknown) => {
        call.onFetchError(error);
        throw error;
      },
    );
  };
  Object.defineProperty(tapped, TAPPED, { value: true });
  try {
    holder.fetch = tapped;
  } catch {
    return false;
  }
  return true;
}
