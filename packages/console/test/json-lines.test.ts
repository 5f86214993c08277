import { describe, expect, it } from "vitest";
import { ConsoleAdapter } from "../src/index.js";
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
});
