// The spool's record format: checksummed lines that survive torn tails and
// flipped bytes, validated against the model's schemas when read back.
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, crc32Table } from "../src/spool/crc32.js";
import { decodeLine, encodeRecord, splitLines } from "../src/spool/spool-record.js";
import type { Score } from "../src/model/score.js";
import { spanNo } from "./spool-helpers.js";

const score: Score = { id: "3f1c2a9e-0000-4000-8000-000000000001", traceId: "0af7651916cd43dd8448eb211c80319c", name: "relevance", value: 0.8, dataType: "numeric", source: "api", time: 1 };
const line = (text: string): Buffer => Buffer.from(text.replace(/\n$/, ""), "utf8");

describe("crc32", () => {
  it("the table fallback matches zlib on text and bytes", () => {
    const samples = ["", "a", "tracehub spool", "ünïcødé ✓", "x".repeat(10_000)];
    for (const sample of samples) {
      expect(crc32Table(sample)).toBe(crc32(sample));
      expect(crc32Table(Buffer.from(sample))).toBe(crc32(Buffer.from(sample)));
    }
    expect(crc32Table("123456789")).toBe(0xcbf43926); // the CRC-32/IEEE check value
    if (typeof (zlib as { crc32?: unknown }).crc32 === "function") expect(crc32("123456789")).toBe(0xcbf43926);
  });
});

describe("spool records", () => {
  it("round-trips a span (as its model record) and a score", () => {
    const span = { ...spanNo(7), input: { q: "why?" }, usage: { input: 3, output: 4 } };
    const spanLine = encodeRecord({ kind: "span", span }) as string;
    expect(spanLine.endsWith("\n")).toBe(true);
    expect(spanLine.slice(0, -1)).not.toContain("\n");
    expect(decodeLine(line(spanLine))).toEqual({ kind: "span", span });
    expect(decodeLine(line(encodeRecord({ kind: "score", score }) as string))).toEqual({ kind: "score", score });
  });

  it("keeps only the model's fields, not whatever else the span object carries", () => {
    const live = Object.assign(Object.create({ end() {} }), spanNo(1), { secretHandle: "x" });
    const decoded = decodeLine(line(encodeRecord({ kind: "span", span: live }) as string));
    expect(decoded?.kind === "span" && "secretHandle" in decoded.span).toBe(false);
  });

  it("rejects a flipped byte, a bad checksum field, bad JSON and a record the schema refuses", () => {
    const good = encodeRecord({ kind: "span", span: spanNo(1) }) as string;
    const flipped = Buffer.from(good);
    flipped[40] = flipped[40] === 0x61 ? 0x62 : 0x61;
    expect(decodeLine(flipped.subarray(0, -1))).toBeUndefined();
    expect(decodeLine(line(`zzzzzzzz ${good.slice(9)}`))).toBeUndefined();
    const payload = "s{not json";
    expect(decodeLine(line(`${crc32(payload).toString(16).padStart(8, "0")} ${payload}`))).toBeUndefined();
    const invalid = `s${JSON.stringify({ ...spanNo(1), spanId: "not-hex" })}`;
    expect(decodeLine(line(`${crc32(invalid).toString(16).padStart(8, "0")} ${invalid}`))).toBeUndefined();
  });

  it("serialises values JSON refuses instead of failing the record", () => {
    const span = { ...spanNo(2), input: { big: 10n } };
    const decoded = decodeLine(line(encodeRecord({ kind: "span", span }) as string));
    expect(decoded?.kind).toBe("span");
  });

  it("splits complete lines only: a torn tail is left unconsumed", () => {
    const a = encodeRecord({ kind: "span", span: spanNo(1) }) as string;
    const b = encodeRecord({ kind: "span", span: spanNo(2) }) as string;
    const torn = (encodeRecord({ kind: "span", span: spanNo(3) }) as string).slice(0, 30);
    const lines = splitLines(Buffer.from(a + b + torn), 100);
    expect(lines.map((l) => l.record?.kind === "span" && l.record.span.spanId)).toEqual([spanNo(1).spanId, spanNo(2).spanId]);
    expect(lines.reduce((n, l) => n + l.bytes, 0)).toBe(Buffer.byteLength(a + b));
    expect(splitLines(Buffer.from(a + b), 1)).toHaveLength(1);
  });
});
