// `@traced()` method decorator: traces each call of a class method as a span.
// Works with TypeScript's standard decorators (TS 5+) and with legacy
// `experimentalDecorators`, since users' tsconfigs have either.
import type { Hub } from "./hub.js";
import { getDefaultHub } from "./default-hub.js";
import { observeFunction, type ObserveOptions } from "./observe.js";

export interface TracedOptions extends ObserveOptions {
  /** The hub to report to; the default hub when omitted. */
  hub?: Hub;
}

type AnyMethod = (this: unknown, ...args: never[]) => unknown;

function isStandardContext(value: unknown): value is ClassMethodDecoratorContext {
  return value !== null && typeof value === "object" && (value as { kind?: unknown }).kind === "method";
}

export function traced(options: TracedOptions = {}) {
  const { hub, ...observeOptions } = options;
  const getHub = (): Hub => hub ?? getDefaultHub();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function decorator<M extends (this: any, ...args: any[]) => any>(method: M, context: ClassMethodDecoratorContext<unknown, M>): M;
  function decorator(target: object, key: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
  function decorator(a: unknown, b: unknown, c?: PropertyDescriptor): unknown {
    if (isStandardContext(b)) {
      const name = observeOptions.name ?? String(b.name);
      return observeFunction(getHub, a as AnyMethod, { ...observeOptions, name });
    }
    if (c !== undefined && typeof c.value === "function") {
      const name = observeOptions.name ?? String(b);
      return { ...c, value: observeFunction(getHub, c.value as AnyMethod, { ...observeOptions, name }) };
    }
    return c ?? a;
  }
  return decorator;
}

/** `observe` on the default hub: wraps `fn` so every call is a span. */
export function observe<F extends (...args: never[]) => unknown>(fn: F, options?: ObserveOptions & { hub?: Hub }): F {
  const hub = options?.hub;
  return observeFunction(() => hub ?? getDefaultHub(), fn, options);
}
