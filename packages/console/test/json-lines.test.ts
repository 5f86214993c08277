import { describe, expect, it } from "vitest";
import { createHub, safeStringify } from "@tracehub/core";
import type { SpanRecord } from "@tracehub/core";
import { ConsoleAdapter } from "../src/index.js";
import { spanRecord } from "../src/json-lines.js";
import { HELPFUL, RAG_SPANS, RELEVANCE, memoryStream, span } from "./fixtures.js";

function parseLines(text: string): Record<string, unknown>[] {
  expect(text.endsWith("\n")).toBe(true);
  return text.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("ConsoleAdapter, json lines", () => {
  it("writes one line per span and per score that parses back to the record", async () => {
    const stream = memoryStream();
    const adapter = new ConsoleAdapter({ format: "json", stream }, {});
    expect(await adapter.export({ spans: RAG_SPANS, scores: [RELEVANCE, HELPFUL] })).toEqual({ kind: "ok" });
    const lines = parseLines(stream.text());
    expect(lines).toHaveLength(RAG_SPANS.length + 2);
    expect(lines.slice(0, RAG_SPANS.length)).toEqual(RAG_SPANS.map((s) => ({ type: "span", ...s })));
    expect(lines.slice(RAG_SPANS.length)).toEqual([
      { type: "score", ...RELEVANCE },
      { type: "score", ...HELPFUL },
    ]);
  });

  it("prints immediately, without waiting for the root", async () => {
    const stream = memoryStream();
    await new ConsoleAdapter({ format: "json", stream }, {}).export({ spans: [span("00000000000000b9", { parentSpanId: "ffffffffffffffff" })], scores: [] });
    expect(parseLines(stream.text())).toHaveLength(1);
  });

  it("serialises only the Span model: internals of live span objects and cyclic payloads are safe", async () => {
    const stream = memoryStream();
    const payload: Record<string, unknown> = { question: "why?" };
    payload["self"] = payload;
    // A live span also holds the hub it reports to; that must never be written out.
    const live = Object.assign(span("00000000000000b8", { input: payload, output: 10n as unknown }), {
      sink: { secretKey: "sk-lf-do-not-print" },
    });
    await new ConsoleAdapter({ format: "json", stream }, {}).export({ spans: [live], scores: [] });
    const [line] = parseLines(stream.text());
    expect(stream.text()).not.toContain("sk-lf-do-not-print");
    expect(line?.["input"]).toEqual({ question: "why?", self: "[Circular]" });
    expect(line?.["output"]).toBe("10");
    expect(line?.["spanId"]).toBe("00000000000000b8");
  });

  it("keeps a long attribute array and a long events list typed: no text marker appended (found by the conformance fuzz suite)", async () => {
    const stream = memoryStream();
    const numbers = Array.from({ length: 5_000 }, (_, i) => i);
    const events = Array.from({ length: 1_500 }, (_, i) => ({ name: `e${i}`, time: 1_700_000_000_000 + i }));
    await new ConsoleAdapter({ format: "json", stream }, {}).export({ spans: [span("00000000000000c1", { attributes: { numbers }, events })], scores: [] });
    const [line] = parseLines(stream.text()) as [{ attributes: { numbers: unknown[] }; events: unknown[] }];
    expect(line.attributes.numbers).toEqual(numbers);
    expect(line.events).toHaveLength(1_500);
  });

  it("keeps what a prompt's variables and a score's metadata hold when they are not plain JSON data (core made them safe)", async () => {
    const stream = memoryStream();
    const hub = await createHub({
      env: {},
      adapters: [new ConsoleAdapter({ format: "json", stream }, {})],
      registerShutdownHooks: false,
      spool: false,
    });
    const variables = { m: new Map([["a", 1]]), e: new Error("boom"), f() {}, b: new Uint8Array([1, 2]), s: new Set(["x"]) };
    const template = [{ role: "user", content: "{{q}}", when: new Date(0) }];
    const metadata = { m: new Map([["k", "v"]]), e: new Error("bad") };
    const root = hub.startTrace("with-prompt");
    root.setPrompt({ name: "p", version: 2, template, variables });
    root.end();
    hub.score({ traceId: root.traceId, name: "quality", value: 1, metadata });
    await hub.flush();
    await hub.shutdown();
    const lines = parseLines(stream.text());
    const spanLine = lines.find((l) => l["type"] === "span") as { prompt: Record<string, unknown> };
    const scoreLine = lines.find((l) => l["type"] === "score") as { metadata: unknown };
    // What core's own serialiser makes of the same values: nothing dropped or turned into {}.
    expect(spanLine.prompt).toEqual({ name: "p", version: 2, template: JSON.parse(safeStringify(template)), variables: JSON.parse(safeStringify(variables)) });
    expect(scoreLine.metadata).toEqual(JSON.parse(safeStringify(metadata)));
    expect(JSON.stringify(spanLine.prompt["variables"])).toContain('"a"');
    expect(JSON.stringify(scoreLine.metadata)).toContain("bad");
  });

  it("writes exactly what safeStringify writes, on the fast path and on every case plain JSON.stringify maps differently", async () => {
    const lineLimits = { maxFieldBytes: 8 * 1024 * 1024, maxStringLength: Infinity, maxArrayLength: Infinity, maxObjectKeys: Infinity };
    const spans: SpanRecord[] = [
      ...RAG_SPANS,
      span("00000000000000d1", { input: { messages: [{ role: "user", content: "héllo 😀 \"q\"\n" }] }, output: "ok" }),
      span("00000000000000d2", { modelParameters: { temperature: Number.NaN, top_p: Number.POSITIVE_INFINITY } }),
      span("00000000000000d3", { input: "lone \ud800 surrogate", attributes: { ["k\udc00"]: "v" } }),
      span("00000000000000d4", { input: { content: null, list: [1, null] } }),
      span("00000000000000d5", { output: 12n as unknown }),
      span("00000000000000d6", { input: "x".repeat(3_000_000) }), // over the 8 MiB line budget as UTF-8 bound
      span("00000000000000d7", { input: "é".repeat(4_500_000) }), // over the budget in UTF-8 bytes
    ];
    const stream = memoryStream();
    await new ConsoleAdapter({ format: "json", stream }, {}).export({ spans, scores: [RELEVANCE] });
    const expected = [
      ...spans.map((s) => safeStringify({ type: "span", ...spanRecord(s) }, lineLimits)),
      safeStringify({ type: "score", ...RELEVANCE }, lineLimits),
    ];
    const lines = stream.text().trimEnd().split("\n");
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => expect(line === expected[i], `line ${i}`).toBe(true));
    expect(Buffer.byteLength(lines[spans.length - 1] as string)).toBeLessThanOrEqual(lineLimits.maxFieldBytes);
  });
});
