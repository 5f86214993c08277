// tracehub's trace_id, parent_run_id and dotted_order must be what LangSmith's
// own RunTree computes for the same tree (same run ids, same start times).
import { describe, expect, it } from "vitest";
import { RunTree, uuid7FromTime } from "langsmith";
import { runIdFor, SpanLineage } from "../src/index.js";
import { T0, TRACE_ID } from "./helpers.js";

interface Node {
  spanId: string;
  parent?: string;
  /** Start in whole ms after T0. */
  at: number;
}

// A tree started depth-first, as a program would: root → a → a1, a2; root → b → b1.
const TREE: Node[] = [
  { spanId: "00000000000000a0", at: 0 },
  { spanId: "00000000000000a1", parent: "00000000000000a0", at: 5 },
  { spanId: "00000000000000a2", parent: "00000000000000a1", at: 6 },
  { spanId: "00000000000000a3", parent: "00000000000000a1", at: 6 },
  { spanId: "00000000000000b1", parent: "00000000000000a0", at: 40 },
  { spanId: "00000000000000b2", parent: "00000000000000b1", at: 1041 },
];

/** The SDK's tree, built with tracing off and a client that must never be called. */
function buildRunTrees(): Map<string, RunTree> {
  const noClient = new Proxy({}, { get: () => { throw new Error("RunTree tried to use its client"); } });
  const trees = new Map<string, RunTree>();
  for (const node of TREE) {
    const config = { name: node.spanId, id: runIdFor(TRACE_ID, node.spanId, T0 + node.at), start_time: T0 + node.at, tracingEnabled: false };
    const parent = node.parent === undefined ? undefined : trees.get(node.parent);
    const tree = parent === undefined ? new RunTree({ ...config, client: noClient as never }) : parent.createChild(config);
    trees.set(node.spanId, tree);
  }
  return trees;
}

describe("dotted_order, trace_id and parent_run_id agree with langsmith's RunTree", () => {
  it("for a tree whose children end (and are exported) before their parents", () => {
    const trees = buildRunTrees();
    // RunTree puts an execution counter in the microsecond digits; give our spans those microseconds.
    const spans = TREE.map((node) => ({
      traceId: TRACE_ID,
      spanId: node.spanId,
      parentSpanId: node.parent,
      startTime: T0 + node.at + (trees.get(node.spanId)?.execution_order ?? 0) / 1000,
    }));
    const lineage = new SpanLineage();
    for (const s of spans) lineage.record(s); // onStart, in start order
    for (const s of [...spans].reverse()) {
      const ours = lineage.resolve(s); // export, leaves first
      const sdk = trees.get(s.spanId) as RunTree;
      expect(ours.runId).toBe(sdk.id);
      expect(ours.dottedOrder).toBe(sdk.dotted_order);
      expect(ours.traceRunId).toBe(sdk.trace_id);
      expect(ours.parentRunId).toBe(sdk.parent_run?.id);
      expect(ours.unknownParentSpanId).toBeUndefined();
    }
    expect(lineage.resolve(spans[5] as never).dottedOrder.split(".")).toHaveLength(3);
  });

  it("issues UUIDv7 run ids whose time field is the start, like the SDK's uuid7FromTime", () => {
    const at = T0 + 1234.567;
    const id = runIdFor(TRACE_ID, "00000000000000a1", at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id.slice(0, 13)).toBe(uuid7FromTime(Math.floor(at)).slice(0, 13));
    // Deterministic per (trace, span); different spans differ.
    expect(runIdFor(TRACE_ID, "00000000000000a1", at)).toBe(id);
    expect(runIdFor(TRACE_ID, "00000000000000a2", at)).not.toBe(id);
    expect(runIdFor("0af7651916cd43dd8448eb211c80319c", "00000000000000a1", at)).not.toBe(id);
  });

  it("keeps run ids valid, deterministic and distinct for ids that are not W3C hex (hashed instead)", () => {
    const at = T0 + 7;
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const odd = runIdFor("not-a-trace-id", "SPAN-1", at);
    expect(odd).toMatch(shape);
    expect(odd.slice(0, 13)).toBe(uuid7FromTime(Math.floor(at)).slice(0, 13));
    expect(runIdFor("not-a-trace-id", "SPAN-1", at)).toBe(odd);
    expect(runIdFor("not-a-trace-id", "SPAN-2", at)).not.toBe(odd);
  });

  it("gives every (trace, span) pair its own run id in one millisecond, sequential W3C ids included", () => {
    const at = T0 + 7;
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    // Structured ids (tests, replays, some upstream traceparents): trace i with span j and trace j with span i must differ.
    const pairs = new Set<string>();
    for (let t = 1; t <= 128; t++) {
      for (let s = 1; s <= 128; s++) pairs.add(runIdFor(t.toString(16).padStart(32, "0"), s.toString(16).padStart(16, "0"), at));
    }
    expect(pairs.size).toBe(128 * 128);
    // Every span id of one trace gets its own run id.
    const ids = new Set<string>();
    for (let i = 0; i < 4096; i++) ids.add(runIdFor(TRACE_ID, i.toString(16).padStart(16, "0"), at));
    expect(ids.size).toBe(4096);
    for (const id of ids) expect(id).toMatch(shape);
  });
});
