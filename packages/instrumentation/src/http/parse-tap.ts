// Where a non-streamed call's body comes from. A caller who awaits the
// APIPromise, or calls .then/.catch/.finally/.withResponse on it, goes
// through its memoised parse(): tapping that hands the wrapper the SDK's own
// parsed object, with no second read or parse of the body. Only when nothing
// has asked for the body by the time the response arrives does the fetch tap
// read a clone instead (HttpCall.onResponse).
import type { HttpCall } from "./http-call.js";

/** Taps the APIPromise's parse(); does nothing when this SDK version has none (the clone path then serves). */
export function tapParse(promise: object, http: HttpCall): void {
  const parse = (promise as { parse?: unknown }).parse;
  if (typeof parse !== "function") return;
  Object.defineProperty(promise, "parse", {
    configurable: true,
    writable: true,
    value: function tappedParse(this: unknown): unknown {
      const result = (parse as () => unknown).call(this);
      if (http.parsed === undefined && result instanceof Promise) http.parsed = result;
      return result;
    },
  });
}
