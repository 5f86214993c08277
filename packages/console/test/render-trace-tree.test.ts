import { describe, expect, it } from "vitest";
import { renderTraceTree } from "../src/index.js";
import { GENERATE, HELPFUL, RAG_SPANS, RAG_TREE, RELEVANCE, ROOT, span, T0 } from "./fixtures.js";

const ESC = "\u001b[";

describe("renderTraceTree", () => {
  it("draws the known RAG trace exactly", () => {
    expect(renderTraceTree(RAG_SPANS, [RELEVANCE, HELPFUL], { color: false })).toBe(RAG_TREE);
  });

  it("does not depend on the order the spans arrived in", () => {
    const shuffled = [...RAG_SPANS].reverse();
    expect(renderTraceTree(shuffled, [RELEVANCE, HELPFUL], { color: false })).toBe(RAG_TREE);
  });

  it("has no escape codes with colour off, and colours errors, ids and glyphs with it on", () => {
    expect(renderTraceTree(RAG_SPANS, [], { color: false })).not.toContain(ESC);
    const colored = renderTraceTree(RAG_SPANS, [RELEVANCE], { color: true });
    expect(colored).toContain(`${ESC}31m✗ TimeoutError: search timed out${ESC}39m`);
    expect(colored).toContain(`${ESC}2m4bf92f35${ESC}22m`);
    expect(colored).toContain(`${ESC}2m├─ ${ESC}22m`);
    expect(colored).toContain(`${ESC}32m$0.0031${ESC}39m`);
    // Stripping the codes gives back the plain rendering.
    // eslint-disable-next-line no-control-regex
    expect(colored.replace(/\u001b\[\d+m/g, "")).toBe(renderTraceTree(RAG_SPANS, [RELEVANCE], { color: false }));
  });

  it("flags orphans and an incomplete trace when the root never arrived", () => {
    const lost = span("00000000000000d0", { name: "lost-child", parentSpanId: "ffffffffffffffff", endTime: T0 + 5 });
    expect(renderTraceTree([lost], [], { color: false })).toBe(
      [
        "trace lost-child 4bf92f35  5ms  ⚠ incomplete: root never arrived",
        "lost-child span  5ms  ⚠ orphan: parent ffffffff missing",
        "Σ 1 span  5ms",
        "",
      ].join("\n"),
    );
  });

  it("shows a running span's elapsed time from `now`, and the root's error status", () => {
    const root = span("00000000000000a0", { name: "job", status: "error", statusMessage: "boom\nagain", endTime: T0 + 50 });
    const live = span("00000000000000a1", { name: "tail", parentSpanId: root.spanId, endTime: 0 });
    const text = renderTraceTree([root, live], [], { color: false, now: T0 + 2500 });
    expect(text.split("\n").slice(0, 3)).toEqual([
      "trace job 4bf92f35  50ms  ✗ error",
      "job span  50ms  ✗ error: boom ⏎ again",
      "└─ tail span  running 2.5s",
    ]);
  });

  it("puts a score for a span not in the set with the trace-level scores", () => {
    const stray = { ...RELEVANCE, spanId: "1234567812345678" };
    const lines = renderTraceTree([ROOT, GENERATE], [stray], { color: false }).trimEnd().split("\n");
    expect(lines.at(-1)).toBe("◆ relevance 0.82 (evaluator)");
  });
});
