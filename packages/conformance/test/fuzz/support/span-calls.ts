// Calls on the public tracer API with hostile arguments: a generated list of
// SpanHandle method calls, span and trace options, and a runner that makes
// each call and records (instead of propagating) anything that escapes, so a
// failing run names the method and the value.
import fc from "fast-check";
import { SPAN_KINDS, type SpanHandle } from "@tracehub/core";
import { HOSTILE as all, hostileTime } from "./hostile-values.js";

export interface SpanCall {
  method: keyof SpanHandle;
  args: unknown[];
}

const hex = (length: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: length, maxLength: length });

/** W3C ids core must refuse: all zeros, upper case, the wrong length, not hex. */
const badId = (length: number) =>
  fc.oneof(
    fc.constant("0".repeat(length)),
    hex(length).map((id) => id.toUpperCase()),
    hex(length - 1),
    hex(length + 1),
    fc.constant("z".repeat(length)),
  );
const idArb = (length: number) => fc.oneof(hex(length), badId(length), all.text);

const count = fc.oneof(fc.nat(), fc.double(), all.value);

const usageLike = fc.oneof(
  all.record,
  fc.array(count, { maxLength: 4 }),
  fc.record({ input: count, output: count, total: count, cacheRead: count, cacheWrite: count, reasoning: count, audio: count }, { requiredKeys: [] }),
);

const linkArb = fc.oneof(all.value, fc.record({ traceId: idArb(32), spanId: idArb(16), attributes: all.record }, { requiredKeys: [] }));

const promptArb = fc.oneof(
  all.record,
  fc.record({ name: all.text, version: fc.oneof(fc.integer(), fc.string(), all.value), template: fc.oneof(fc.string(), all.value), variables: all.record }, { requiredKeys: [] }),
);

const rateLimitArb = fc.oneof(
  all.record,
  fc.record({ requests: fc.record({ limit: count, remaining: count, resetAt: hostileTime }, { requiredKeys: [] }), tokens: all.value }, { requiredKeys: [] }),
);

const categoryArb = fc.oneof(fc.constant(undefined), fc.constantFrom("rate_limit", "timeout", "bogus", "RATE_LIMIT", "__proto__"), all.value);

const call = (method: keyof SpanHandle, args: fc.Arbitrary<unknown[]>): fc.Arbitrary<SpanCall> => args.map((a) => ({ method, args: a }));

/** One SpanHandle method call with hostile arguments (end() excluded: the sequences test it). */
export const spanCallArb: fc.Arbitrary<SpanCall> = fc.oneof(
  call("setAttribute", fc.tuple(all.text, all.value)),
  call("setAttribute", fc.tuple(fc.string(), fc.oneof(fc.double(), fc.array(fc.double()), fc.array(fc.oneof(fc.string(), fc.integer()))))),
  call("setAttributes", fc.tuple(all.record)),
  call("setInput", fc.tuple(all.value)),
  call("setOutput", fc.tuple(all.value)),
  call("updateName", fc.tuple(all.text)),
  call("setModel", fc.tuple(all.text, fc.oneof(all.value, fc.record({ provider: all.text, parameters: all.record }, { requiredKeys: [] })))),
  call("setProvider", fc.tuple(all.text)),
  call("setModelParameters", fc.tuple(all.record)),
  call("setUsage", fc.tuple(usageLike)),
  call("setCost", fc.tuple(usageLike)),
  call("setPrompt", fc.tuple(promptArb)),
  call("addEvent", fc.tuple(all.text, all.record, hostileTime)),
  call("addLink", fc.tuple(linkArb)),
  call("recordError", fc.tuple(all.value, categoryArb)),
  call("setStatus", fc.tuple(fc.oneof(fc.constantFrom("ok", "error", "unset"), all.value), all.text)),
  call("setRetryCount", fc.tuple(count)),
  call("setTimeoutMs", fc.tuple(count)),
  call("setRateLimit", fc.tuple(rateLimitArb)),
  call("markFirstToken", fc.tuple(hostileTime)),
  call("traceparent", fc.constant([])),
);

/**
 * Options of trace(), span(), startSpan() and startTrace(): absent, null, a
 * function (trace(name, fn, callback) must still run the callback), any
 * hostile value, or a record of hostile fields.
 */
export const spanOptionsArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null),
  all.value,
  fc.record(
    {
      kind: fc.oneof(fc.constantFrom(...SPAN_KINDS), all.value),
      input: all.value,
      attributes: all.record,
      model: all.text,
      provider: all.text,
      modelParameters: all.record,
      prompt: promptArb,
      links: fc.oneof(all.value, fc.array(linkArb, { maxLength: 3 })),
      startTime: hostileTime,
      parent: fc.oneof(all.value, all.text, fc.tuple(hex(32), hex(16)).map(([t, s]) => `00-${t}-${s}-01`)),
      userId: all.text,
      sessionId: all.text,
      tags: fc.oneof(all.value, fc.array(all.text, { maxLength: 4 })),
      metadata: all.record,
      release: all.text,
      environment: all.text,
      version: all.text,
    },
    { requiredKeys: [] },
  ),
);

/** What escaped from a call, described without trusting the thrown value. */
export function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : `non-error ${typeof error}`;
  } catch {
    return "an undescribable value";
  }
}

/** Runs `fn`, recording anything it throws into `escaped` as "what: error". */
export function attempt<T>(escaped: string[], what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    escaped.push(`${what} threw ${describeThrown(error)}`);
    return undefined;
  }
}

/** Every call on `span`, each guarded. */
export function applyCalls(span: SpanHandle, calls: readonly SpanCall[], escaped: string[], label: string): void {
  for (const { method, args } of calls) {
    attempt(escaped, `${label}.${String(method)}`, () => (span[method] as (...a: unknown[]) => unknown).apply(span, args));
  }
}
