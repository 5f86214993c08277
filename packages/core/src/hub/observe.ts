// `observe(fn)`: a function wrapper that traces every call as a span, keeping
// `this`, arguments, return value and thrown errors exactly as the caller knows them.
import type { SpanKind } from "../model/span.js";
import type { Hub } from "./hub.js";
import type { SpanOptions } from "./span-options.js";

export interface ObserveOptions extends Omit<SpanOptions, "input"> {
  /** Span name; defaults to the function's name. */
  name?: string;
  kind?: SpanKind;
  /** Record the arguments as the span's input (one argument as itself, several as an array). Default true. */
  captureArgs?: boolean;
  /** Record the return value (awaited for promises) as the span's output. Default true. */
  captureResult?: boolean;
}

/** Wraps `fn`; `getHub` is read at call time so the lazy default hub works. */
export function observeFunction<F extends (...args: never[]) => unknown>(
  getHub: () => Hub,
  fn: F,
  options: ObserveOptions = {},
): F {
  if (typeof fn !== "function") return fn;
  const { name, captureArgs = true, captureResult = true, ...spanOptions } = options ?? {};
  const spanName = name ?? (fn.name !== "" ? fn.name : "anonymous");
  const wrapped = function (this: unknown, ...args: Parameters<F>): ReturnType<F> {
    const hub = getHub();
    return hub.span(spanName, spanOptions, (span) => {
      if (captureArgs) span.setInput(args.length === 1 ? args[0] : args);
      const result = fn.apply(this, args) as ReturnType<F>;
      if (captureResult) captureOutput(span, result);
      return result;
    });
  };
  Object.defineProperty(wrapped, "name", { value: fn.name, configurable: true });
  Object.defineProperty(wrapped, "length", { value: fn.length, configurable: true });
  return wrapped as unknown as F;
}

function captureOutput(span: { setOutput(value: unknown): unknown }, result: unknown): void {
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
    // The hub ends the span when the promise settles; record the resolved value first.
    (result as PromiseLike<unknown>).then(
      (value) => span.setOutput(value),
      () => undefined,
    );
  } else if (result !== undefined) {
    span.setOutput(result);
  }
}
