import { describe, expect, it } from "vitest";
import { ConsoleAdapter } from "../src/index.js";
import {
  GENERATE,
  HELPFUL,
  RAG_SPANS,
  RAG_TREE,
  RELEVANCE,
  RETRIEVE,
  ROOT,
  memoryStream,
  score,
  span,
  T0,
  TRACE_ID,
} from "./fixtures.js";

const OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";
const THIRD_TRACE = "11111111111111111111111111111111";

function prettyAdapter(extra: { maxPendingTraces?: number } = {}) {
  const stream = memoryStream();
  const adapter = new ConsoleAdapter({ format: "pretty", color: false, stream, ...extra }, {});
  return { adapter, stream };
}

describe("ConsoleAdapter, pretty", () => {
  it("holds a trace until its root ends, then prints the whole tree once", async () => {
    const { adapter, stream } = prettyAdapter();
    const children = RAG_SPANS.filter((s) => s !== ROOT);
    expect(await adapter.export({ spans: children.slice(0, 3), scores: [RELEVANCE] })).toEqual({ kind: "ok" });
    expect(await adapter.export({ spans: children.slice(3), scores: [] })).toEqual({ kind: "ok" });
    expect(stream.text()).toBe("");
    await adapter.export({ spans: [ROOT], scores: [HELPFUL] });
    expect(stream.text()).toBe(RAG_TREE);
  });

  it("prints spans ending after their trace as late spans under the parent printed before", async () => {
    const { adapter, stream } = prettyAdapter();
    await adapter.export({ spans: [ROOT], scores: [] });
    const printedTree = stream.text();
    const late = span("00000000000000e0", { name: "audit", kind: "tool", parentSpanId: ROOT.spanId, startTime: T0 + 1490, endTime: T0 + 1700 });
    const lateChild = span("00000000000000e1", { name: "write-log", parentSpanId: late.spanId, startTime: T0 + 1500, endTime: T0 + 1600 });
    // The grandchild ends (and arrives) first; it waits until its parent connects it to the printed trace.
    await adapter.export({ spans: [lateChild], scores: [] });
    expect(stream.text()).toBe(printedTree);
    await adapter.export({ spans: [late], scores: [] });
    expect(stream.text().slice(printedTree.length)).toBe(
      ["late span  4bf92f35 rag-query › rag-query", "└─ audit tool  210ms", "   └─ write-log span  100ms", ""].join("\n"),
    );
  });

  it("prints scores arriving after their trace on a line of their own", async () => {
    const { adapter, stream } = prettyAdapter();
    await adapter.export({ spans: [GENERATE, ROOT], scores: [] });
    const before = stream.text().length;
    await adapter.export({ spans: [], scores: [RELEVANCE, HELPFUL] });
    expect(stream.text().slice(before)).toBe(
      [
        "late score  4bf92f35 rag-query › generate  ◆ relevance 0.82 (evaluator)",
        "late score  4bf92f35 rag-query  ◆ helpfulness 4 (user) “clear answer”",
        "",
      ].join("\n"),
    );
  });

  it("prints traces whose root never arrived as orphans at shutdown, oldest first", async () => {
    const { adapter, stream } = prettyAdapter();
    const lostB = span("00000000000000f1", { traceId: OTHER_TRACE, name: "lost-b", parentSpanId: "aaaaaaaaaaaaaaaa", endTime: T0 + 5 });
    await adapter.export({ spans: [RETRIEVE], scores: [] });
    await adapter.export({ spans: [lostB], scores: [score({ id: "s-9", traceId: THIRD_TRACE, name: "thumbs", value: true })] });
    expect(stream.text()).toBe("");
    await adapter.shutdown();
    expect(stream.text()).toBe(
      [
        // The orphan carries the trace context, so the trace keeps its name.
        "trace rag-query 4bf92f35  310ms  user u-42  session s-7  tags prod,beta  ⚠ incomplete: root never arrived",
        "retrieve retriever  310ms  ⚠ orphan: parent 00000000 missing",
        "Σ 1 span  310ms",
        "trace lost-b 0af76519  5ms  ⚠ incomplete: root never arrived",
        "lost-b span  5ms  ⚠ orphan: parent aaaaaaaa missing",
        "Σ 1 span  5ms",
        "score  11111111  ◆ thumbs true (api)",
        "",
      ].join("\n"),
    );
    // A second shutdown has nothing left to print.
    await adapter.shutdown();
    expect(stream.text().endsWith("(api)\n")).toBe(true);
  });

  it("bounds memory: beyond maxPendingTraces the oldest pending trace prints as an orphan", async () => {
    const { adapter, stream } = prettyAdapter({ maxPendingTraces: 2 });
    const pendingIn = (traceId: string, name: string) =>
      span(`${traceId.slice(0, 15)}1`, { traceId, name, parentSpanId: "bbbbbbbbbbbbbbbb" });
    await adapter.export({ spans: [pendingIn(TRACE_ID, "first")], scores: [] });
    await adapter.export({ spans: [pendingIn(OTHER_TRACE, "second")], scores: [] });
    expect(stream.text()).toBe("");
    await adapter.export({ spans: [pendingIn(THIRD_TRACE, "third")], scores: [] });
    expect(stream.text()).toMatch(/^trace first 4bf92f35 .*incomplete/);
    expect(stream.text()).not.toContain("second");
    // The evicted trace counts as printed: its late parts are labelled as late.
    await adapter.export({ spans: [], scores: [score({ id: "s-3", name: "late", value: 1 })] });
    expect(stream.text()).toContain("late score  4bf92f35 first  ◆ late 1 (api)");
  });

  it("never rejects when the stream throws: the write error becomes a fail result", async () => {
    const broken = {
      write() {
        throw new Error("EPIPE: broken pipe");
      },
    };
    const pretty = new ConsoleAdapter({ format: "pretty", stream: broken, color: false }, {});
    await expect(pretty.export({ spans: [ROOT], scores: [] })).resolves.toEqual({
      kind: "fail",
      reason: "console output failed: Error: EPIPE: broken pipe",
    });
    const json = new ConsoleAdapter({ format: "json", stream: broken }, {});
    await expect(json.export({ spans: [ROOT], scores: [] })).resolves.toMatchObject({ kind: "fail" });
    await json.export({ spans: [RETRIEVE], scores: [] });
    await expect(pretty.shutdown()).resolves.toBeUndefined();
  });
});

describe("ConsoleAdapter, options", () => {
  it("takes the format from TRACEHUB_CONSOLE_FORMAT unless code sets it", () => {
    const stream = memoryStream();
    expect(new ConsoleAdapter({ stream }, { TRACEHUB_CONSOLE_FORMAT: " JSON " }).format).toBe("json");
    expect(new ConsoleAdapter({ stream, format: "pretty" }, { TRACEHUB_CONSOLE_FORMAT: "json" }).format).toBe("pretty");
    expect(new ConsoleAdapter({ stream }, {}).format).toBe("pretty");
    expect(new ConsoleAdapter({ stream }, { TRACEHUB_CONSOLE_FORMAT: "xml" }).format).toBe("pretty");
  });

  it('resolves color "auto" from the TTY, NO_COLOR and FORCE_COLOR', () => {
    const tty = memoryStream(true);
    const pipe = memoryStream(false);
    expect(new ConsoleAdapter({ stream: tty }, {}).color).toBe(true);
    expect(new ConsoleAdapter({ stream: pipe }, {}).color).toBe(false);
    expect(new ConsoleAdapter({ stream: tty }, { NO_COLOR: "1" }).color).toBe(false);
    expect(new ConsoleAdapter({ stream: pipe }, { FORCE_COLOR: "1" }).color).toBe(true);
    expect(new ConsoleAdapter({ stream: tty }, { FORCE_COLOR: "0" }).color).toBe(false);
    expect(new ConsoleAdapter({ stream: pipe, color: true }, { NO_COLOR: "1" }).color).toBe(true);
  });

  it("writes colour codes to a TTY", async () => {
    const tty = memoryStream(true);
    await new ConsoleAdapter({ stream: tty }, {}).export({ spans: [ROOT], scores: [] });
    expect(tty.text()).toContain("\u001b[");
  });
});

describe("ConsoleAdapter, late span with its score", () => {
  it("draws a score that came with a late span under that span, and keeps nothing pending", async () => {
    const { adapter, stream } = prettyAdapter();
    await adapter.export({ spans: [ROOT], scores: [] });
    const before = stream.text().length;
    const late = span("00000000000000e0", { name: "audit", parentSpanId: ROOT.spanId, startTime: T0 + 1490, endTime: T0 + 1500 });
    const verdict = score({ id: "s-4", spanId: late.spanId, name: "ok", value: true, dataType: "boolean" });
    await adapter.export({ spans: [late], scores: [verdict] });
    expect(stream.text().slice(before)).toBe(
      ["late span  4bf92f35 rag-query › rag-query", "└─ audit span  10ms", "     ◆ ok true (api)", ""].join("\n"),
    );
    const printed = stream.text();
    await adapter.shutdown();
    expect(stream.text()).toBe(printed);
  });
});
