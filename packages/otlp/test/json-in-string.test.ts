import { describe, expect, it } from "vitest";
import { JsonWriter } from "../src/encode/json-writer.js";
import { inputMessages, outputMessages } from "../src/index.js";

/** What jsonAsString writes for `value`, or undefined when it declined (and the bytes it left, which the caller discards). */
function written(value: unknown): string | undefined {
  const w = new JsonWriter(8); // small, so growth is exercised
  const ok = w.jsonAsString(value);
  const text = new TextDecoder("utf-8", { fatal: true }).decode(w.finish());
  return ok ? text : undefined;
}

const expected = (value: unknown): string => JSON.stringify(JSON.stringify(value));

/** A small seeded generator (mulberry32): the same values on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["a", "Z", " ", '"', "\\", "/", "\u0000", "\b", "\t", "\n", "\f", "\r", "\u001f", "\u007f", "é", "中", "😀", "\ud800", "\udfff", "{", "}", ":"];
const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY, -123.456];

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const text = (): string => Array.from({ length: Math.floor(next() * 12) }, () => pick(PIECES)).join("");
  const kind = depth > 3 ? Math.floor(next() * 4) : Math.floor(next() * 8);
  switch (kind) {
    case 0:
      return text();
    case 1:
      return pick(NUMBERS);
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick([undefined, () => 1, Symbol("s"), "x"]);
    case 4:
    case 5: {
      const list = Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, depth + 1));
      if (next() < 0.2) list.length += 2; // holes
      return list;
    }
    default: {
      const object: Record<string, unknown> = next() < 0.2 ? (Object.create(null) as Record<string, unknown>) : {};
      for (let i = Math.floor(next() * 5); i > 0; i--) object[pick([text(), String(Math.floor(next() * 20)), "k"])] = randomValue(next, depth + 1);
      return object;
    }
  }
}

describe("JSON text written inside a JSON string literal", () => {
  it("matches JSON.stringify(JSON.stringify(value)) byte for byte on 3000 random values", () => {
    const next = random(42);
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(next, 0);
      if (JSON.stringify(value) === undefined) continue; // nothing to write at the top: covered below
      expect(written(value)).toBe(expected(value));
      compared++;
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it("handles the cases JSON.stringify treats specially", () => {
    const cases: unknown[] = [
      { b: 1, a: 2, 2: "two", 1: "one" }, // integer-like keys first, as JSON.stringify orders them
      { skip: undefined, fn: () => 1, sym: Symbol("x"), kept: [undefined, () => 1, Symbol("y")] },
      [Number.NaN, -0, Number.NEGATIVE_INFINITY, 1e300],
      "a lone \ud83d and a pair 😀 and a reversed \ude00\ud83d",
      { "quo\"te": "back\\slash", "new\nline": "tab\t" },
      [[[]], {}, [{}], ""],
    ];
    for (const value of cases) expect(written(value)).toBe(expected(value));
  });

  it("declines what is not plain JSON data, so JSON.stringify can decide", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    let deep: unknown = "bottom";
    for (let i = 0; i < 100; i++) deep = [deep];
    const throwing = {
      get boom(): never {
        throw new Error("getter");
      },
    };
    class Point {
      x = 1;
    }
    for (const value of [
      undefined,
      () => 1,
      Symbol("s"),
      10n,
      { n: 10n },
      new Date(0),
      { when: new Date(0) },
      { toJSON: () => "custom" },
      new Map([["a", 1]]),
      new Point(),
      new String("boxed"),
      cyclic,
      deep,
      throwing,
    ]) {
      expect(written(value)).toBeUndefined();
    }
  });
});

describe("JsonWriter#integer", () => {
  it("writes every safe integer as String() does, across each digit count and the 32-bit boundary", () => {
    const values = [0, -0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, -(2 ** 31), 2 ** 32];
    for (let digits = 1; digits <= 16; digits++) values.push(10 ** (digits - 1), 10 ** digits - 1, -(10 ** (digits - 1)));
    const next = random(7);
    for (let i = 0; i < 2000; i++) values.push(Math.floor((next() - 0.5) * 2 * 10 ** Math.floor(next() * 16)));
    const w = new JsonWriter(8);
    const safe = values.filter((v) => Number.isSafeInteger(v));
    for (const v of safe) {
      w.integer(v);
      w.ascii(",");
    }
    const text = new TextDecoder().decode(w.finish());
    expect(text).toBe(safe.map((v) => `${String(v)},`).join(""));
    expect(safe.length).toBeGreaterThan(2000);
  });
});

describe("JsonWriter#chatMessagesAsString", () => {
  it("writes normalised chat messages exactly as JSON.stringify(JSON.stringify(messages))", () => {
    const tricky = 'say "hi"\n\\ é 😀 \ud800 \u0000';
    const payloads: unknown[] = [
      tricky,
      { prompt: "complete me" },
      [{ role: "system", content: "Be brief." }, { role: "user", name: "ann", content: tricky }],
      [{ role: "user", content: [{ type: "text", text: "Weather?" }, { type: "image_url", image_url: { url: "https://x/y.png" } }] }],
      [{ role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "w", arguments: '{"city":"Paris"}' } }] }],
      [{ role: "tool", tool_call_id: "c1", content: "18°C" }],
      { system: "sys", messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: [{ type: "text", text: "ok" }] }] }] },
      [{ role: "user", content: [] }],
      [],
    ];
    const outputs: unknown[] = [
      "done",
      { choices: [{ message: { role: "assistant", content: tricky }, finish_reason: "stop" }, { text: "b", finish_reason: "length" }, { delta: { content: "c" } }] },
      { role: "assistant", stop_reason: "end_turn", content: [{ type: "thinking", thinking: "hmm" }, { type: "text", text: "18°C" }, { type: "custom", n: 1 }] },
    ];
    const lists = [...payloads.map((p) => inputMessages(p)), ...outputs.map((o) => outputMessages(o))];
    let compared = 0;
    for (const messages of lists) {
      if (messages === undefined) continue;
      const w = new JsonWriter(8);
      expect(w.chatMessagesAsString(messages)).toBe(true);
      expect(new TextDecoder("utf-8", { fatal: true }).decode(w.finish())).toBe(JSON.stringify(JSON.stringify(messages)));
      compared++;
    }
    expect(compared).toBe(lists.length);
  });
});
