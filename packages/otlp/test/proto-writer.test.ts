// The hand-written protobuf writer against protobufjs's reader: varint widths,
// 64-bit values, UTF-8, and nested lengths that outgrow their reserved byte.
import { describe, expect, it } from "vitest";
import { encodeWithNodeBuffer, encodeWithTextEncoder } from "../src/proto/byte-buffer.js";
import { ProtoWriter } from "../src/proto/proto-writer.js";
import { JsonWriter } from "../src/encode/json-writer.js";
import { unixNanosHalves } from "../src/encode/unix-nanos.js";
import { protobuf } from "./otlp-proto.js";

const reader = (bytes: Uint8Array) => protobuf.Reader.create(bytes);

describe("ProtoWriter", () => {
  it("writes varints of every width", () => {
    const values = [0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28, 2 ** 32 - 1];
    const w = new ProtoWriter(1);
    for (const v of values) w.uint32(v);
    const r = reader(w.finish());
    expect(values.map(() => r.uint32() >>> 0)).toEqual(values);
  });

  it("writes int64 for large and negative safe integers", () => {
    const values = [2 ** 32, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER, -1, -(2 ** 40), Number.MIN_SAFE_INTEGER];
    const w = new ProtoWriter(1);
    for (const v of values) w.int64(v);
    const r = reader(w.finish());
    expect(values.map(() => BigInt(r.int64().toString()))).toEqual(values.map((v) => BigInt(v)));
  });

  it("writes fixed32, fixed64, double and bool", () => {
    const w = new ProtoWriter(1);
    w.fixed32(0xdeadbeef);
    w.fixed64(0x89abcdef, 0x01234567);
    w.double(-1.5e-300);
    w.bool(true);
    const r = reader(w.finish());
    expect(r.fixed32() >>> 0).toBe(0xdeadbeef);
    expect(BigInt(r.fixed64().toString())).toBe(0x0123456789abcdefn);
    expect(r.double()).toBe(-1.5e-300);
    expect(r.bool()).toBe(true);
  });

  it("writes strings of any length and script, lone surrogates as U+FFFD", () => {
    const strings = ["", "ascii", "é中😀", "x".repeat(41), "é".repeat(50), "中".repeat(5000), "a\ud800b", "😀".repeat(100)];
    const w = new ProtoWriter(8);
    for (const s of strings) w.string(s);
    const r = reader(w.finish());
    expect(strings.map(() => r.string())).toEqual(strings.map((s) => s.replace(/\ud800/, "\ufffd")));
  });

  it("writes hex ids as raw bytes", () => {
    const w = new ProtoWriter(1);
    w.hexBytes("00f067aa0ba902b7");
    w.hexBytes("4BF92F3577B34DA6A3CE929D0E0E4736");
    const r = reader(w.finish());
    expect(Buffer.from(r.bytes()).toString("hex")).toBe("00f067aa0ba902b7");
    expect(Buffer.from(r.bytes()).toString("hex")).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
  });

  it("fixes up nested lengths that need more than the reserved byte", () => {
    const w = new ProtoWriter(16);
    const outer = w.begin();
    w.uint32((1 << 3) | 2);
    const inner = w.begin();
    w.string("y".repeat(20_000)); // 3-byte length inside a 3-byte length
    w.end(inner);
    w.uint32((2 << 3) | 0);
    w.uint32(42);
    w.end(outer);
    const r = reader(w.finish());
    const body = reader(r.bytes());
    expect(body.uint32()).toBe((1 << 3) | 2);
    expect(reader(body.bytes()).string()).toBe("y".repeat(20_000));
    expect(body.uint32()).toBe(2 << 3);
    expect(body.uint32()).toBe(42);
  });

  it("hands over the written bytes and starts fresh", () => {
    const w = new ProtoWriter(4);
    w.string("first");
    const first = w.finish();
    w.restart(4);
    w.string("second");
    expect(reader(first).string()).toBe("first");
    expect(reader(w.finish()).string()).toBe("second");
  });
});

describe("UTF-8 encoders", () => {
  it("agree with each other and with TextEncoder, both with and without Node's Buffer", () => {
    const text = `é中😀 lone \udc00 ${"z".repeat(100)}`;
    const expected = new TextEncoder().encode(text);
    const a = Buffer.alloc(text.length * 3);
    const b = new Uint8Array(text.length * 3);
    expect(a.subarray(0, encodeWithNodeBuffer(a, text, 0))).toEqual(Buffer.from(expected));
    expect(b.subarray(0, encodeWithTextEncoder(b, text, 0))).toEqual(expected);
  });
});

describe("unix nanoseconds", () => {
  it("converts epoch milliseconds exactly, without going through a 64-bit double", () => {
    const cases = [0, 1, 0.000001, 1700000000000.25, 1700000001480.375, 1699999999999 + 0.9999999, 4102444800000.5];
    for (const ms of cases) {
      const whole = Math.floor(ms);
      const expected = BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
      const [lo, hi] = unixNanosHalves(ms);
      expect((BigInt(hi) << 32n) + BigInt(lo)).toBe(expected);
      const json = new JsonWriter(8);
      json.unixNanos(ms);
      expect(new TextDecoder().decode(json.finish())).toBe(expected.toString());
    }
    for (const ms of [-5, Number.NaN]) {
      const json = new JsonWriter(8);
      json.unixNanos(ms);
      expect(new TextDecoder().decode(json.finish())).toBe("0");
      expect(unixNanosHalves(ms)).toEqual([0, 0]);
    }
  });

  it("writes string literals exactly as JSON.stringify does, short ones through the loop and long ones natively (escaped past 256 characters)", () => {
    const pieces = ["plain", 'quo"te', "back\\slash", "ctl\u0000\u0008\t\n\u000b\u001f", "é中😀", "lone \ud800 hi", "\udc00 low", "end \ud83d"];
    const samples = [""];
    for (const piece of pieces) {
      for (const repeat of [1, 4, 12, 40, 100]) samples.push(piece.repeat(repeat));
    }
    samples.push(`${"x".repeat(30)}\ud800`, `${"y".repeat(70)}`, `${"z".repeat(70)}"`);
    const w = new JsonWriter(8); // small, so the long strings also exercise growth
    for (const text of samples) {
      w.string(text);
      w.byte(0x0a);
    }
    // A TextDecoder would replace an unescaped lone surrogate's bytes; escaped ones survive as ASCII.
    const lines = new TextDecoder("utf-8", { fatal: true }).decode(w.finish()).split("\n");
    expect(lines.slice(0, -1)).toEqual(samples.map((text) => JSON.stringify(text)));
  });
});
