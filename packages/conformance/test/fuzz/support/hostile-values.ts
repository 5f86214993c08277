// Values an instrumented application may hand to the tracer by accident or by
// bad luck: anything fast-check can build, plus the shapes that break naive
// serialisers and property readers — cycles, throwing getters and Proxies,
// revoked Proxies, BigInt, Symbols, huge strings and arrays, lone surrogates,
// NaN/Infinity/-0, invalid Dates, prototype-pollution keys, deep nesting.
import fc from "fast-check";

function boom(): never {
  throw new Error("hostile trap");
}

/** A Proxy whose every trap throws. */
export function throwingProxy(): object {
  const trap = boom;
  return new Proxy(
    {},
    { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, set: trap, defineProperty: trap, deleteProperty: trap },
  );
}

/** A revoked Proxy: even `Array.isArray` throws on it. */
export function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** An object with an enumerable getter that throws, next to a normal key. */
export function throwingGetter(): Record<string, unknown> {
  const value: Record<string, unknown> = { fine: 1 };
  Object.defineProperty(value, "explodes", { enumerable: true, get: boom });
  return value;
}

export function cyclic(): Record<string, unknown> {
  const a: Record<string, unknown> = { name: "a", list: [] };
  (a.list as unknown[]).push(a, { back: a });
  a.self = a;
  return a;
}

export function deeplyNested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { next: value };
  return value;
}

/** `{"__proto__": …}` as JSON.parse builds it: an own key named __proto__, not a prototype. */
export function pollutionObject(): Record<string, unknown> {
  return JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":1,"toString":"x","hasOwnProperty":2}');
}

export const LONE_SURROGATES = ["\uD800", "a\uDFFFb", "\uDBFF\uDBFF", "end\uD83D", "\uDE00start"];
export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];


/**
 * A hostile object is generated as a token and built only when the property
 * runs (see `materialize`): fast-check itself inspects and prints generated
 * values, and a Proxy that throws on every trap would break the runner rather
 * than the code under test. Each run also gets fresh instances.
 */
export class HostileToken {
  constructor(
    readonly kind: string,
    readonly build: () => unknown,
  ) {}

  [fc.toStringMethod](): string {
    return `<${this.kind}>`;
  }
}

const token = (kind: string, build: () => unknown) => fc.constant(new HostileToken(kind, build));

/** Objects that throw when merely read: a Proxy trapping everything, a revoked Proxy, a throwing getter. */
export const accessTrap: fc.Arbitrary<unknown> = fc.oneof(
  token("throwing proxy", throwingProxy),
  token("revoked proxy", revokedProxy),
  token("throwing getter", throwingGetter),
);

/** The hand-made hostile shapes that can be read without throwing (serialising them is another matter). */
export const hostileShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.MAX_VALUE, Number.MIN_VALUE, -1, 2 ** 64),
  fc.bigInt(),
  fc.constant(Symbol("hostile")),
  fc.constantFrom(...LONE_SURROGATES),
  token("cycle", cyclic),
  token("__proto__ keys", pollutionObject),
  token("null prototype", () => Object.assign(Object.create(null) as object, { a: 1 })),
  fc.integer({ min: 200, max: 5_000 }).map((depth) => new HostileToken(`nested ${depth}`, () => deeplyNested(depth))),
  token("invalid Date", () => new Date(Number.NaN)),
  token("throwing toJSON", () => ({ toJSON: boom })),
  token("throwing toString", () => ({ toString: boom, valueOf: boom, [Symbol.toPrimitive]: boom })),
  token("function", () => () => "a function"),
  token("Map", () => new Map<unknown, unknown>([[{}, 1], ["k", 2n]])),
  token("Set", () => new Set([1, "2", 3n])),
  token("Uint8Array", () => new Uint8Array([1, 2, 3])),
  token("Promise", () => Promise.resolve(1)),
  token("Error", () => new Error("an error as a value")),
  token("array with a property", () => Object.assign([1, 2], { extra: "prop" })),
  fc.integer({ min: 70_000, max: 250_000 }).map((n) => new HostileToken(`string of ${n}`, () => "é€😀".repeat(Math.ceil(n / 4)))),
  fc.integer({ min: 10_000, max: 60_000 }).map((n) => new HostileToken(`array of ${n}`, () => Array.from({ length: n }, (_, i) => i))),
);

/**
 * The generated value with every token replaced by a fresh hostile object.
 * Tokens sit at the top, in arrays and in plain objects (records, dictionaries).
 */
export function materialize<T>(value: T, depth = 0): T {
  if (value instanceof HostileToken) return value.build() as T;
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => materialize(item, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = proto === null ? (Object.create(null) as Record<string, unknown>) : {};
  for (const key of Object.keys(value)) {
    // defineProperty: an own "__proto__" key stays a key instead of setting the prototype.
    Object.defineProperty(out, key, { value: materialize((value as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  maxDepth: 3,
  maxKeys: 5,
  key: fc.oneof(fc.string(), fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...LONE_SURROGATES)),
  stringUnit: "binary",
});

export interface HostileArbitraries {
  /** Any value at all: fast-check's anything (most of the time) or a hand-made hostile shape. */
  value: fc.Arbitrary<unknown>;
  /** A record whose keys are attribute-like or hostile and whose values are hostile. */
  record: fc.Arbitrary<unknown>;
  /** Text, or anything else in its place. */
  text: fc.Arbitrary<unknown>;
}

/** The hostile generators: fast-check's anything, the hand-made shapes and objects that throw when read. */
export const HOSTILE: HostileArbitraries = (() => {
  const shapes = fc.oneof({ arbitrary: hostileShape, weight: 4 }, { arbitrary: accessTrap, weight: 1 });
  const value = fc.oneof({ arbitrary: anything, weight: 3 }, { arbitrary: shapes, weight: 2 });
  const key = fc.oneof(fc.string(), fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...LONE_SURROGATES));
  const record = fc.oneof(value, fc.dictionary(key, value, { maxKeys: 6 }), token("__proto__ keys", pollutionObject));
  const text = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("", ...LONE_SURROGATES, ...PROTO_KEYS), value);
  return { value, record, text };
})();

export const { value: hostileValue, record: hostileRecord, text: hostileText } = HOSTILE;

/** Year 9999, the latest time core keeps; later ones read as "now". */
const LAST_KEPT_MS = 253_402_300_799_999;

/**
 * A time where a Date or epoch ms is expected: valid times, the edges of the
 * range core keeps (the epoch, year 9999), times before 1970 and after 9999,
 * NaN and ±Infinity, invalid Dates, a Date whose getTime throws, and values
 * of any other type (ISO strings, null, boxed numbers, hostile objects). Core
 * keeps the valid ones and reads every other one as "now".
 */
export const hostileTime: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.double({ min: 1, max: LAST_KEPT_MS, noNaN: true }),
  fc.integer({ min: 1, max: 1e15 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e15, max: 0 }),
  fc.constantFrom(0, -0, -1, -Number.MIN_VALUE, LAST_KEPT_MS, LAST_KEPT_MS + 1, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom("2024-01-01", "1700000000000", "", null, true),
  token("boxed number", () => new Number(1_700_000_000_000)),
  token("Date with a throwing getTime", () => Object.assign(new Date(), { getTime: boom })),
  token("Date subclass", () => new (class extends Date {})(1_700_000_000_000)),
  hostileValue,
);

/** Everything that is defined on Object.prototype now, to detect pollution. */
export function prototypeSnapshot(): string {
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort()]);
}
