import { describe, expect, it } from "vitest";
import { buildTraceTree, buildTraceTrees, type TraceTreeNode } from "../src/analysis/trace-tree.js";
import { traceTotals } from "../src/analysis/trace-totals.js";
import type { SpanRecord } from "../src/model/span.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

function span(spanId: string, over: Partial<SpanRecord> = {}): SpanRecord {
  return {
    traceId: TRACE,
    spanId,
    links: [],
    name: spanId,
    kind: "span",
    startTime: 1000,
    endTime: 1100,
    status: "ok",
    attributes: {},
    events: [],
    context: {},
    ...over,
  };
}

/** "id(child,child(grandchild))": a compact picture of a tree for assertions. */
function shape(nodes: readonly TraceTreeNode[]): string {
  return nodes
    .map((n) => {
      const id = n.span.spanId + (n.orphan ? "!" : "");
      return n.children.length > 0 ? `${id}(${shape(n.children)})` : id;
    })
    .join(",");
}

describe("buildTraceTree", () => {
  it("nests children under parents, sorted by start time then span id", () => {
    const spans = [
      span("c", { parentSpanId: "root", startTime: 1020 }),
      span("b", { parentSpanId: "root", startTime: 1010 }),
      span("a2", { parentSpanId: "root", startTime: 1010 }),
      span("root", { startTime: 1000 }),
      span("c1", { parentSpanId: "c", startTime: 1030 }),
    ];
    const tree = buildTraceTree(spans);
    expect(tree.traceId).toBe(TRACE);
    expect(tree.spanCount).toBe(5);
    expect(shape(tree.roots)).toBe("root(a2,b,c(c1))");
  });

  it("gives the same tree whatever the input order", () => {
    const spans = [
      span("root"),
      span("x", { parentSpanId: "root", startTime: 1005 }),
      span("y", { parentSpanId: "x", startTime: 1006 }),
      span("z", { parentSpanId: "root", startTime: 1001 }),
    ];
    const expected = shape(buildTraceTree(spans).roots);
    expect(shape(buildTraceTree([...spans].reverse()).roots)).toBe(expected);
    expect(shape(buildTraceTree([spans[2]!, spans[0]!, spans[3]!, spans[1]!]).roots)).toBe(expected);
  });

  it("keeps a span whose parent never arrived as an orphan root, with its subtree", () => {
    const tree = buildTraceTree([
      span("root", { startTime: 1000 }),
      span("lost", { parentSpanId: "missing", startTime: 1001 }),
      span("under-lost", { parentSpanId: "lost", startTime: 1002 }),
    ]);
    expect(shape(tree.roots)).toBe("root,lost!(under-lost)");
  });

  it("treats a span with a remote parent as a local root, not an orphan", () => {
    const tree = buildTraceTree([
      span("server", { parentSpanId: "remote-client", parentIsRemote: true }),
      span("handler", { parentSpanId: "server", startTime: 1001 }),
    ]);
    expect(shape(tree.roots)).toBe("server(handler)");
  });

  it("cuts a parent cycle at its earliest span instead of looping", () => {
    const tree = buildTraceTree([
      span("a", { parentSpanId: "c", startTime: 1003 }),
      span("b", { parentSpanId: "a", startTime: 1001 }),
      span("c", { parentSpanId: "b", startTime: 1002 }),
      span("d", { parentSpanId: "c", startTime: 1004 }),
      span("self", { parentSpanId: "self", startTime: 1005 }),
    ]);
    expect(tree.spanCount).toBe(5);
    expect(shape(tree.roots)).toBe("b!(c(a,d)),self!");
  });

  it("counts a re-sent span once, the later copy winning", () => {
    const tree = buildTraceTree([span("root"), span("root", { name: "renamed" })]);
    expect(tree.spanCount).toBe(1);
    expect(tree.roots[0]?.span.name).toBe("renamed");
  });

  it("handles a deep chain without overflowing the stack", () => {
    const spans = Array.from({ length: 20_000 }, (_, i) =>
      span(`s${i}`, i === 0 ? {} : { parentSpanId: `s${i - 1}`, startTime: 1000 + i }),
    );
    const tree = buildTraceTree(spans);
    expect(tree.roots).toHaveLength(1);
    expect(tree.spanCount).toBe(20_000);
  });

  it("returns an empty tree for no spans", () => {
    expect(buildTraceTree([])).toEqual({ traceId: "", roots: [], spanCount: 0 });
  });
});

describe("buildTraceTrees", () => {
  it("builds one tree per trace, earliest trace first", () => {
    const trees = buildTraceTrees([
      span("a", { startTime: 2000, endTime: 2100 }),
      span("x", { traceId: OTHER_TRACE, startTime: 1500 }),
      span("a1", { parentSpanId: "a", startTime: 2001 }),
    ]);
    expect(trees.map((t) => t.traceId)).toEqual([OTHER_TRACE, TRACE]);
    expect(shape(trees[1]!.roots)).toBe("a(a1)");
  });
});

describe("traceTotals", () => {
  it("sums time, errors, tokens and cost, overall and by model", () => {
    const totals = traceTotals([
      span("root", { startTime: 1000, endTime: 2500 }),
      span("gen1", {
        parentSpanId: "root",
        startTime: 1100,
        endTime: 1900,
        model: "gpt-4o",
        usage: { input: 800, output: 100, cacheRead: 512, reasoning: 20 },
        cost: { input: 0.001, output: 0.002, total: 0.003 },
      }),
      span("gen2", {
        parentSpanId: "root",
        startTime: 1200,
        endTime: 2600,
        model: "gpt-4o",
        status: "error",
        usage: { input: 10, output: 5, total: 16, cacheWrite: 7 },
        cost: { input: 0.0004, output: 0.0006 },
      }),
      span("embed", {
        parentSpanId: "root",
        model: "text-embedding-3-small",
        usage: { input: 40 },
      }),
    ]);
    expect(totals.startTime).toBe(1000);
    expect(totals.endTime).toBe(2600);
    expect(totals.durationMs).toBe(1600);
    expect(totals.spanCount).toBe(4);
    expect(totals.errorCount).toBe(1);
    expect(totals.usage).toEqual({ input: 850, output: 105, total: 956, cacheRead: 512, cacheWrite: 7, reasoning: 20 });
    expect(totals.cost.total).toBeCloseTo(0.004, 12);
    expect(totals.cost.spanCount).toBe(2);
    expect(totals.byModel["gpt-4o"]?.calls).toBe(2);
    expect(totals.byModel["gpt-4o"]?.usage.total).toBe(916);
    expect(totals.byModel["gpt-4o"]?.costTotal).toBeCloseTo(0.004, 12);
    expect(totals.byModel["text-embedding-3-small"]).toEqual({
      calls: 1,
      usage: { input: 40, output: 0, total: 40, cacheRead: 0, cacheWrite: 0, reasoning: 0 },
      costTotal: 0,
    });
  });

  it("counts a re-sent span once and ignores numbers that are not finite", () => {
    const gen = span("gen", { usage: { input: 10, output: Number.NaN }, cost: { total: Number.POSITIVE_INFINITY } });
    const totals = traceTotals([gen, gen]);
    expect(totals.spanCount).toBe(1);
    expect(totals.usage.input).toBe(10);
    expect(totals.usage.output).toBe(0);
    expect(totals.usage.total).toBe(10);
    // An infinite total with nothing else is no usable cost: unknown, not free.
    expect(totals.cost).toEqual({ total: 0, spanCount: 0 });
    const partsOnly = traceTotals([span("g", { cost: { total: Number.NaN, input: 0.25, output: 0.5 } })]);
    expect(partsOnly.cost).toEqual({ total: 0.75, spanCount: 1 });
  });

  it("is all zeros for no spans", () => {
    const totals = traceTotals([]);
    expect(totals.startTime).toBe(0);
    expect(totals.durationMs).toBe(0);
    expect(totals.spanCount).toBe(0);
    expect(totals.byModel).toEqual({});
  });

  it("keeps a model called __proto__ as plain data", () => {
    const totals = traceTotals([span("g", { model: "__proto__", usage: { input: 1 } })]);
    expect(Object.keys(totals.byModel)).toEqual(["__proto__"]);
    expect(totals.byModel["__proto__"]?.calls).toBe(1);
  });
});
