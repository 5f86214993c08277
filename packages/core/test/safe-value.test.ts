import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeStringify } from "../src/serialize/safe-stringify.js";
import {
  DEFAULT_SAFE_VALUE_OPTIONS,
  type JsonValue,
  MAX_DEPTH_CEILING,
  type SafeValueOptions,
  toSafeValue,
  toSizedSafeValue,
  TRUNCATED_KEY,
} from "../src/serialize/safe-value.js";

const utf8Bytes = (text: string): number => Buffer.byteLength(text, "utf8");
const thrower = (message: string) => () => {
  throw new Error(message);
};

describe("primitives", () => {
  it("keeps JSON primitives and maps the ones JSON lacks", () => {
    expect(toSafeValue("text")).toBe("text");
    expect(toSafeValue(42.5)).toBe(42.5);
    expect(toSafeValue(true)).toBe(true);
    expect(toSafeValue(null)).toBe(null);
    expect(toSafeValue(undefined)).toBe(null);
    expect(toSafeValue(Number.NaN)).toBe("NaN");
    expect(toSafeValue(Number.POSITIVE_INFINITY)).toBe("Infinity");
    expect(toSafeValue(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
    expect(Object.is(toSafeValue(-0), 0)).toBe(true);
    expect(toSafeValue(123n)).toBe("123");
    expect(toSafeValue(-(2n ** 70n))).toBe("-1180591620717411303424");
  });

  it("maps symbols and functions to descriptive strings", () => {
    expect(toSafeValue(Symbol("tag"))).toBe("Symbol(tag)");
    expect(toSafeValue(Symbol())).toBe("Symbol()");
    expect(toSafeValue(function namedFn() {})).toBe("[Function namedFn]");
    expect(toSafeValue([() => 1][0])).toBe("[Function (anonymous)]");
    expect(toSafeValue(class Widget {})).toBe("[Function Widget]");
    const badName = Object.defineProperty(() => 1, "name", { get: thrower("no name") });
    expect(toSafeValue(badName)).toBe("[Function (anonymous)]");
  });

  it("always returns JSON text, also for top-level strings and undefined", () => {
    expect(safeStringify("a\"b")).toBe('"a\\"b"');
    expect(safeStringify(undefined)).toBe("null");
    expect(safeStringify(Symbol("s"))).toBe('"Symbol(s)"');
  });
});

describe("objects and arrays", () => {
  it("omits undefined in objects, writes null for undefined and holes in arrays", () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(toSafeValue({ a: undefined, b: 1, c: [undefined, , 3] })).toEqual({ b: 1, c: [null, null, 3] });
  });

  it("skips symbol keys but maps symbol values", () => {
    expect(toSafeValue({ [Symbol("hidden")]: 1, visible: Symbol("v") })).toEqual({ visible: "Symbol(v)" });
  });

  it("maps functions held in properties", () => {
    expect(toSafeValue({ run: function run() {}, n: 1 })).toEqual({ run: "[Function run]", n: 1 });
  });

  it("handles null-prototype objects", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { x: 1, y: "two" });
    expect(toSafeValue(bare)).toEqual({ x: 1, y: "two" });
  });

  it("keeps only own enumerable props of class instances", () => {
    class Account {
      id = "acc_1";
      #secret = "hidden";
      get computed(): string {
        return this.#secret;
      }
      method(): void {}
    }
    expect(toSafeValue(new Account())).toEqual({ id: "acc_1" });
  });

  it("keeps a __proto__ key as data", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const safe = toSafeValue(value) as Record<string, JsonValue>;
    expect(Object.keys(safe)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect(safeStringify(value)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });

  it("ignores a spoofed Symbol.toStringTag", () => {
    expect(toSafeValue({ [Symbol.toStringTag]: "Date", when: 1 })).toEqual({ when: 1 });
  });
});

describe("references", () => {
  it("replaces cycles with [Circular]", () => {
    const node: Record<string, unknown> = { name: "root" };
    node.self = node;
    node.child = { parent: node, list: [node] };
    expect(toSafeValue(node)).toEqual({
      name: "root",
      self: "[Circular]",
      child: { parent: "[Circular]", list: ["[Circular]"] },
    });
  });

  it("repeats shared references that are not cycles", () => {
    const shared = { v: 1 };
    expect(toSafeValue({ a: shared, b: [shared, shared] })).toEqual({ a: { v: 1 }, b: [{ v: 1 }, { v: 1 }] });
  });

  it("detects cycles through Maps, Sets and error causes", () => {
    const map = new Map<string, unknown>();
    map.set("me", map);
    const set = new Set<unknown>();
    set.add(set);
    const error = new Error("loop");
    error.cause = error;
    expect(toSafeValue(map)).toEqual({ $type: "Map", entries: [["me", "[Circular]"]] });
    expect(toSafeValue(set)).toEqual(["[Circular]"]);
    expect((toSafeValue(error) as Record<string, JsonValue>).cause).toBe("[Circular]");
  });
});

describe("built-in objects", () => {
  it("maps Map to a $type envelope of entries and Set to an array", () => {
    const key = { id: 1 };
    expect(toSafeValue(new Map<unknown, unknown>([["a", 1], [key, [2n]]]))).toEqual({
      $type: "Map",
      entries: [
        ["a", 1],
        [{ id: 1 }, ["2"]],
      ],
    });
    expect(toSafeValue(new Set([1, "two", undefined]))).toEqual([1, "two", null]);
  });

  it("maps dates to ISO strings and invalid dates to a marker", () => {
    expect(toSafeValue(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe("2024-01-02T03:04:05.006Z");
    expect(toSafeValue(new Date(Number.NaN))).toBe("Invalid Date");
  });

  it("maps RegExp, URL and URLSearchParams to strings", () => {
    expect(toSafeValue(/a+b/gi)).toBe("/a+b/gi");
    expect(toSafeValue(new URL("https://example.test/p?q=1#h"))).toBe("https://example.test/p?q=1#h");
    expect(toSafeValue(new URLSearchParams({ a: "1", b: "x y" }))).toBe("a=1&b=x+y");
  });

  it("unboxes boxed primitives", () => {
    expect(toSafeValue([new Number(3), new String("s"), new Boolean(false), Object(5n), Object(Symbol("b"))])).toEqual([
      3,
      "s",
      false,
      "5",
      "Symbol(b)",
    ]);
  });

  it("marks values that cannot be inspected", () => {
    const promise = Promise.resolve(1);
    expect(toSafeValue([new WeakMap(), new WeakSet(), new WeakRef({}), promise])).toEqual([
      "[WeakMap]",
      "[WeakSet]",
      "[WeakRef]",
      "[Promise]",
    ]);
  });

  it("replaces binary data with a type and size marker, never the bytes", () => {
    const buffer = new ArrayBuffer(8);
    expect(toSafeValue(Buffer.from("hello"))).toEqual({ $type: "Buffer", byteLength: 5 });
    expect(toSafeValue(new Uint8Array(3))).toEqual({ $type: "Uint8Array", length: 3, byteLength: 3 });
    expect(toSafeValue(new Float32Array(1536))).toEqual({ $type: "Float32Array", length: 1536, byteLength: 6144 });
    expect(toSafeValue(new BigInt64Array(2))).toEqual({ $type: "BigInt64Array", length: 2, byteLength: 16 });
    expect(toSafeValue(new DataView(buffer, 2))).toEqual({ $type: "DataView", byteLength: 6 });
    expect(toSafeValue(buffer)).toEqual({ $type: "ArrayBuffer", byteLength: 8 });
    expect(toSafeValue(new SharedArrayBuffer(4))).toEqual({ $type: "SharedArrayBuffer", byteLength: 4 });
    const huge = Buffer.alloc(8 * 1024 * 1024);
    expect(safeStringify({ file: huge })).toBe('{"file":{"$type":"Buffer","byteLength":8388608}}');
  });
});

describe("errors", () => {
  it("keeps name, message, own enumerable props, cause and stack", () => {
    const inner = new TypeError("bad input");
    const error = Object.assign(new Error("request failed", { cause: inner }), { code: "E_HTTP", status: 503 });
    const safe = toSafeValue(error) as Record<string, JsonValue>;
    expect(Object.keys(safe)).toEqual(["name", "message", "code", "status", "cause", "stack"]);
    expect(safe).toMatchObject({ name: "Error", message: "request failed", code: "E_HTTP", status: 503 });
    expect(safe.stack).toBe(error.stack);
    expect(safe.cause).toEqual({ name: "TypeError", message: "bad input", stack: inner.stack });
  });

  it("uses a subclass's own name and keeps non-error causes", () => {
    class RateLimitError extends Error {
      constructor(readonly retryAfter: number) {
        super("slow down", { cause: "quota" });
        this.name = "RateLimitError";
      }
    }
    expect(toSafeValue(new RateLimitError(30))).toMatchObject({
      name: "RateLimitError",
      message: "slow down",
      retryAfter: 30,
      cause: "quota",
    });
  });

  it("lists the errors of an AggregateError", () => {
    const safe = toSafeValue(new AggregateError([new RangeError("r"), "plain"], "all failed")) as Record<string, JsonValue>;
    expect(safe.name).toBe("AggregateError");
    expect(safe.message).toBe("all failed");
    expect(safe.errors).toEqual([expect.objectContaining({ name: "RangeError", message: "r" }), "plain"]);
  });

  it("uses an error's own toJSON when it has one", () => {
    const error = Object.assign(new Error("axios-like"), { toJSON: () => ({ message: "axios-like", status: 500 }) });
    expect(toSafeValue(error)).toEqual({ message: "axios-like", status: 500 });
  });

  it("marks an error whose message getter throws, keeping the rest", () => {
    const error = new Error("x");
    Object.defineProperty(error, "message", { get: thrower("message exploded") });
    expect(toSafeValue(error)).toMatchObject({ name: "Error", message: "[Thrown: message exploded]" });
  });
});

describe("hostile objects", () => {
  it("marks a throwing getter and keeps the other keys", () => {
    const value = { before: 1, get boom(): never { throw new Error("getter failed"); }, after: 2 };
    expect(toSafeValue(value)).toEqual({ before: 1, boom: "[Thrown: getter failed]", after: 2 });
  });

  it("describes non-Error throws, and throws whose description throws", () => {
    const throwsString = Object.defineProperty({}, "k", {
      enumerable: true,
      get() {
        throw "plain string";
      },
    });
    const throwsHostile = Object.defineProperty({}, "k", {
      enumerable: true,
      get() {
        throw { toString: thrower("nested") };
      },
    });
    expect(toSafeValue(throwsString)).toEqual({ k: "[Thrown: plain string]" });
    expect(toSafeValue(throwsHostile)).toEqual({ k: "[Thrown]" });
  });

  it("marks a Proxy whose ownKeys trap throws", () => {
    const proxy = new Proxy({ a: 1 }, { ownKeys: thrower("ownKeys trap") });
    expect(toSafeValue({ p: proxy, ok: true })).toEqual({ p: "[Thrown: ownKeys trap]", ok: true });
  });

  it("marks each property of a Proxy whose get trap throws", () => {
    const proxy = new Proxy({ a: 1, b: 2 }, { get: thrower("get trap") });
    expect(toSafeValue(proxy)).toEqual({ a: "[Thrown: get trap]", b: "[Thrown: get trap]" });
    const arrayProxy = new Proxy([1, 2], { get: thrower("array get") });
    expect(toSafeValue(arrayProxy)).toBe("[Thrown: array get]");
  });

  it("still reads a Proxy whose getPrototypeOf trap throws", () => {
    const proxy = new Proxy({ a: 1 }, { getPrototypeOf: thrower("proto trap") });
    expect(toSafeValue(proxy)).toEqual({ a: 1 });
  });

  it("survives a Proxy where every trap throws, and a revoked Proxy", () => {
    const everyTrap = new Proxy({}, new Proxy({}, { get: () => thrower("any trap") }));
    expect(toSafeValue(everyTrap)).toBe("[Thrown: any trap]");
    const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
    revoke();
    expect(toSafeValue({ r: proxy })).toEqual({ r: expect.stringMatching(/^\[Thrown: .*revoked/) });
  });

  it("ignores a throwing toJSON and serialises own props instead", () => {
    const value = { keep: 1, toJSON: thrower("toJSON failed") };
    expect(toSafeValue(value)).toEqual({ keep: 1, toJSON: "[Function (anonymous)]" });
  });

  it("uses a working toJSON, passing the key like JSON.stringify", () => {
    const seen: string[] = [];
    const value = {
      toJSON(key: string) {
        seen.push(key);
        return { replaced: true };
      },
    };
    expect(toSafeValue({ field: value })).toEqual({ field: { replaced: true } });
    expect(seen).toEqual(["field"]);
    expect(toSafeValue({ self: { a: 1, toJSON() { return this; } } })).toEqual({ self: { a: 1, toJSON: "[Function toJSON]" } });
  });

  it("stops a toJSON that keeps returning new objects with toJSON", () => {
    const endless = (): object => ({ toJSON: endless });
    expect(safeStringify(endless(), { maxDepth: 3 })).toBe('"[MaxDepth]"');
  });

  it("never throws on hostile options", () => {
    const options = new Proxy({}, { get: thrower("options trap") }) as SafeValueOptions;
    expect(toSafeValue({ a: "x" }, options)).toEqual({ a: "x" });
    expect(toSafeValue("abc", { maxStringLength: Number.NaN, maxDepth: -1 })).toBe("abc");
  });
});

describe("strings", () => {
  it("replaces lone surrogates with U+FFFD and keeps valid pairs", () => {
    const text = "a\uD800b\uDC00c😀";
    expect(toSafeValue(text)).toBe("a\uFFFDb\uFFFDc😀");
    expect(toSafeValue({ ["k\uDBFF"]: 1 })).toEqual({ "k\uFFFD": 1 });
    const json = safeStringify({ text });
    expect(Buffer.from(json, "utf8").toString("utf8")).toBe(json);
  });

  it("truncates huge strings with a note stating the original size", () => {
    const safe = toSafeValue("x".repeat(5_000_000)) as string;
    const note = "…[truncated, 5000000 chars total]";
    expect(safe).toBe("x".repeat(DEFAULT_SAFE_VALUE_OPTIONS.maxStringLength) + note);
    expect(toSafeValue("abcdef", { maxStringLength: 3 })).toBe("abc…[truncated, 6 chars total]");
  });

  it("never splits a surrogate pair when cutting", () => {
    expect(toSafeValue("😀😀", { maxStringLength: 3 })).toBe("😀…[truncated, 4 chars total]");
  });
});

describe("size limits", () => {
  it("keeps the first items of huge arrays, Sets and Maps plus a note with the original length", () => {
    const array = Array.from({ length: 5000 }, (_, i) => i);
    const safeArray = toSafeValue(array) as JsonValue[];
    expect(safeArray).toHaveLength(1001);
    expect(safeArray.slice(0, 3)).toEqual([0, 1, 2]);
    expect(safeArray[1000]).toBe("…[truncated, 5000 items total]");
    expect(toSafeValue(new Set(array), { maxArrayLength: 2 })).toEqual([0, 1, "…[truncated, 5000 items total]"]);
    const map = new Map(array.map((i) => [i, i]));
    expect(toSafeValue(map, { maxArrayLength: 1 })).toEqual({
      $type: "Map",
      entries: [[0, 0], "…[truncated, 5000 items total]"],
    });
  });

  it("keeps the first keys of huge objects plus a note key", () => {
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const safe = toSafeValue(wide) as Record<string, JsonValue>;
    expect(Object.keys(safe)).toHaveLength(1001);
    expect(safe.k999).toBe(999);
    expect(safe.k1000).toBeUndefined();
    expect(safe[TRUNCATED_KEY]).toBe("…[truncated, 5000 keys total]");
  });

  it("cuts long keys too, keeping the first of keys that collide after the cut", () => {
    const safe = toSafeValue({ abcX: 1, abcY: 2, ab: 3 }, { maxStringLength: 3 });
    expect(safe).toEqual({ "abc…[truncated, 4 chars total]": 1, ab: 3 });
  });

  it("lets its note replace a user key of the same name when an object is cut", () => {
    const safe = toSafeValue({ [TRUNCATED_KEY]: "user", a: 1, b: 2 }, { maxObjectKeys: 2 });
    expect(safe).toEqual({ a: 1, [TRUNCATED_KEY]: "…[truncated, 3 keys total]" });
    expect(toSizedSafeValue({ [TRUNCATED_KEY]: "user", a: 1, b: 2 }, { maxObjectKeys: 2 }).bytes).toBe(
      utf8Bytes(JSON.stringify(safe)),
    );
  });

  it("replaces values nested deeper than maxDepth", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100; i++) deep = { next: deep };
    let level = toSafeValue(deep);
    let containers = 0;
    while (typeof level === "object" && level !== null) {
      containers += 1;
      level = (level as Record<string, JsonValue>).next as JsonValue;
    }
    expect(containers).toBe(DEFAULT_SAFE_VALUE_OPTIONS.maxDepth);
    expect(level).toBe("[MaxDepth]");
    expect(toSafeValue({ a: { b: { c: 1 } }, d: new Date(0) }, { maxDepth: 2 })).toEqual({
      a: { b: "[MaxDepth]" },
      d: "1970-01-01T00:00:00.000Z",
    });
  });

  it("caps maxDepth so nesting far past the call stack still yields [MaxDepth]", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const json = safeStringify(deep, { maxDepth: 1e9 });
    expect(json).toBe(`${"[".repeat(MAX_DEPTH_CEILING)}"[MaxDepth]"${"]".repeat(MAX_DEPTH_CEILING)}`);
  });

  it("cuts a huge string to the byte cap, stating its original size", () => {
    const json = safeStringify({ prompt: "é".repeat(2_000_000) }, { maxFieldBytes: 1000 });
    expect(utf8Bytes(json)).toBeLessThanOrEqual(1000);
    const safe = JSON.parse(json) as { prompt: string };
    expect(safe.prompt).toMatch(/^é+…\[truncated, 2000000 chars total\]$/);
    expect(utf8Bytes(json)).toBeGreaterThan(950); // the budget is used, not wasted
  });

  it("cuts a huge array and object to the byte cap with notes", () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ id: i, text: "row text" }));
    const json = safeStringify({ rows, tail: "after" }, { maxFieldBytes: 600 });
    expect(utf8Bytes(json)).toBeLessThanOrEqual(600);
    const safe = JSON.parse(json) as { rows: JsonValue[]; tail?: string };
    expect(safe.rows.at(-1)).toBe("…[truncated, 500 items total]");
    expect(safe.rows[0]).toEqual({ id: 0, text: "row text" });
    // The room held back for the object's own note is enough for the short last key.
    expect(safe.tail).toBe("after");
    const wide = { rows, a: "x".repeat(50), b: "y".repeat(50) };
    const wideJson = safeStringify(wide, { maxFieldBytes: 600 });
    expect(utf8Bytes(wideJson)).toBeLessThanOrEqual(600);
    expect(JSON.parse(wideJson)).toMatchObject({ [TRUNCATED_KEY]: "…[truncated, 3 keys total]" });
  });

  it("falls back to a short marker, or null, when nothing fits", () => {
    expect(toSafeValue({ a: 1 }, { maxFieldBytes: 20 })).toBe("…[truncated]");
    expect(toSafeValue("a long enough string", { maxFieldBytes: 6 })).toBe(null);
  });

  it("reports the exact JSON size it computed", () => {
    const sized = toSizedSafeValue({ text: "héllo \n\u0001 \"q\" 😀", list: [1.5, -0, null, true] });
    expect(sized.bytes).toBe(utf8Bytes(JSON.stringify(sized.value)));
  });

  it("has frozen defaults", () => {
    expect(Object.isFrozen(DEFAULT_SAFE_VALUE_OPTIONS)).toBe(true);
    expect(DEFAULT_SAFE_VALUE_OPTIONS).toEqual({
      maxFieldBytes: 1_000_000,
      maxStringLength: 100_000,
      maxArrayLength: 1_000,
      maxObjectKeys: 1_000,
      maxDepth: 32,
    });
  });
});

describe("properties", () => {
  /** Any UTF-16 unit, so strings include lone surrogates. */
  const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
  const anything = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withObjectString: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
    stringUnit: anyUnit,
  });

  // Built once: big enough to hit every limit, shared across runs to keep the suite fast.
  const bigString = "aé😀\n\"".repeat(60_000);
  const bigArray = Array.from({ length: 3000 }, (_, i) => ({ i, s: "item" }));
  const bigObject = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`key-${i}`, i]));
  const bigBuffer = Buffer.alloc(1 << 20);
  const hostileFactories: (() => unknown)[] = [
    () => new Proxy({ a: 1 }, { ownKeys: thrower("ownKeys") }),
    () => new Proxy({ a: 1 }, { get: thrower("get") }),
    () => new Proxy({ a: 1 }, { getPrototypeOf: thrower("proto") }),
    () => new Proxy([1, 2, 3], { get: (target, key) => (key === "length" ? 1e12 : Reflect.get(target, key)) }),
    () => new Proxy({}, new Proxy({}, { get: () => thrower("every trap") })),
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
    () => ({ ok: 1, get boom(): never { throw new Error("getter"); } }),
    () => ({ toJSON: thrower("toJSON") }),
    () => ({ toJSON: () => bigArray }),
    () => Object.assign(new Error("e", { cause: new Error("c") }), { code: "E1" }),
    () => new AggregateError([new Error("a"), bigString], "agg"),
    () => new Map<unknown, unknown>([[{ k: 1 }, bigObject]]),
    () => new Set(bigArray),
    () => new Date(Number.NaN),
    () => Object(Symbol("boxed")),
    () => [new WeakMap(), new WeakSet(), Promise.resolve(), Symbol("s"), () => 1, 10n ** 30n],
    () => [bigString, bigArray, bigObject, bigBuffer, new Float64Array(1000), new DataView(new ArrayBuffer(9))],
    () => "\uD800".repeat(300) + "\uDFFF\n\u0000\u2028",
    () => {
      const cyclic: Record<string, unknown> = { bigString };
      cyclic.self = cyclic;
      return cyclic;
    },
    () => {
      let deep: unknown = "bottom";
      for (let i = 0; i < 200; i++) deep = i % 2 === 0 ? [deep] : { d: deep };
      return deep;
    },
    () => ({ [TRUNCATED_KEY]: "user value", ...bigObject }),
  ];
  // Values are built inside the property from thunks: fast-check inspects what
  // arbitraries produce, and a hostile value would break fast-check itself.
  type Build = () => unknown;
  const hostileLeaf: fc.Arbitrary<Build> = fc.constantFrom(...hostileFactories);

  /** Trees mixing fast-check's values with hostile leaves, sometimes closed into cycles. */
  const { tree: treeBuilder } = fc.letrec<{ tree: Build }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small" },
      hostileLeaf,
      anything.map((value): Build => () => value),
      fc.array(tie("tree"), { maxLength: 4 }).map((items): Build => () => items.map((build) => build())),
      fc.dictionary(fc.string({ unit: anyUnit }), tie("tree"), { maxKeys: 4 }).map(
        (entries): Build =>
          () => {
            const out: Record<string, unknown> = {};
            for (const [key, build] of Object.entries(entries)) Object.defineProperty(out, key, { value: build(), enumerable: true });
            return out;
          },
      ),
      fc.tuple(tie("tree"), tie("tree")).map(([key, value]): Build => () => new Map([[key(), value()]])),
      fc.tuple(tie("tree"), fc.string()).map(
        ([build, key]): Build =>
          () => {
            const value = build();
            try {
              if (typeof value === "object" && value !== null) (value as Record<string, unknown>)[key] = value;
            } catch {
              // frozen or hostile: keep as is
            }
            return value;
          },
      ),
    ),
  }));
  const tree = treeBuilder.map((build) => ({ build }));

  const limits = fc.record(
    {
      maxStringLength: fc.nat(400),
      maxArrayLength: fc.nat(30),
      maxObjectKeys: fc.nat(30),
      maxDepth: fc.nat(12),
    },
    { requiredKeys: [] },
  );

  it("never throws, always yields valid JSON within the byte cap", () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 256, max: 8192 }), limits, ({ build }, maxFieldBytes, other) => {
        const value = build();
        const options = { ...other, maxFieldBytes };
        const json = safeStringify(value, options);
        expect(() => JSON.parse(json)).not.toThrow();
        expect(utf8Bytes(json)).toBeLessThanOrEqual(maxFieldBytes);
      }),
      { numRuns: 200 },
    );
  });

  it("holds the byte cap even for tiny caps", () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 4, max: 255 }), ({ build }, maxFieldBytes) => {
        expect(utf8Bytes(safeStringify(build(), { maxFieldBytes }))).toBeLessThanOrEqual(maxFieldBytes);
      }),
    );
  });

  it("computes the exact size of the JSON text and matches safeStringify", () => {
    fc.assert(
      fc.property(tree, limits, fc.integer({ min: 4, max: 20_000 }), ({ build }, other, maxFieldBytes) => {
        const value = build();
        const options = { ...other, maxFieldBytes };
        const sized = toSizedSafeValue(value, options);
        const json = safeStringify(value, options);
        expect(utf8Bytes(json)).toBe(sized.bytes);
        expect(JSON.parse(json)).toEqual(sized.value);
      }),
    );
  });

  it("is the identity on JSON data within the limits", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(toSafeValue(value)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
