import { describe, expect, it } from "vitest";
import { SpanLineage, runIdFor } from "../src/index.js";
import { T0, TRACE_ID } from "./helpers.js";

const facts = (spanId: string, parentSpanId: string | undefined, startTime: number) => ({
  traceId: TRACE_ID,
  spanId,
  parentSpanId,
  startTime,
});

describe("SpanLineage", () => {
  it("writes six-digit microseconds and keeps start_time equal to the dotted_order time", () => {
    const lineage = new SpanLineage();
    const root = facts("00000000000000a0", undefined, T0 + 0.123); // epoch-ms doubles resolve about 0.25 µs
    const run = lineage.resolve(root);
    expect(run.startTime).toBe("2023-11-14T22:13:20.000123Z");
    expect(run.dottedOrder).toBe(`20231114T221320000123Z${run.runId}`);
    expect(run.traceRunId).toBe(run.runId);
    expect(run.parentRunId).toBeUndefined();
  });

  it("raises a child that starts before its parent to the parent's time (the server rejects the reverse)", () => {
    const lineage = new SpanLineage();
    const parent = facts("00000000000000a0", undefined, T0 + 10);
    const child = facts("00000000000000a1", "00000000000000a0", T0 + 9.5);
    lineage.record(parent);
    const run = lineage.resolve(child);
    const [first, second] = run.dottedOrder.split(".");
    expect(second?.slice(0, 22)).toBe(first?.slice(0, 22));
    expect(run.startTime).toBe("2023-11-14T22:13:20.010000Z");
    // The id still carries the span's own start.
    expect(run.runId).toBe(runIdFor(TRACE_ID, "00000000000000a1", T0 + 9.5));
  });

  it("makes a span whose parent is unknown (remote, never seen) the root of its run tree and names the parent", () => {
    const lineage = new SpanLineage();
    const local = { ...facts("00000000000000a1", "00000000000000ff", T0), parentIsRemote: true };
    const child = facts("00000000000000a2", "00000000000000a1", T0 + 1);
    lineage.record(local);
    lineage.record(child);
    const top = lineage.resolve(local);
    expect(top.parentRunId).toBeUndefined();
    expect(top.traceRunId).toBe(top.runId);
    expect(top.dottedOrder.split(".")).toHaveLength(1);
    expect(top.unknownParentSpanId).toBe("00000000000000ff");
    const below = lineage.resolve(child);
    expect(below.traceRunId).toBe(top.runId);
    expect(below.parentRunId).toBe(top.runId);
    expect(below.dottedOrder.startsWith(`${top.dottedOrder}.`)).toBe(true);
  });

  it("keeps a long-running root known while its children are exported, and forgets exported spans past the bound", () => {
    const lineage = new SpanLineage(3, 2);
    const rootRun = runIdFor(TRACE_ID, "00000000000000a0", T0);
    lineage.record(facts("00000000000000a0", undefined, T0));
    for (let i = 1; i <= 5; i++) {
      const child = facts(`00000000000000c${i}`, "00000000000000a0", T0 + i);
      lineage.record(child);
      expect(lineage.resolve(child).parentRunId).toBe(rootRun);
    }
    expect(lineage.size).toBe(3); // the open root and the two most recently exported children
    expect(lineage.locate(TRACE_ID, "00000000000000c1")).toBeUndefined();
    expect(lineage.locate(TRACE_ID, "00000000000000c5")?.parentRunId).toBe(rootRun);
    expect(lineage.locate(TRACE_ID, undefined)?.runId).toBe(rootRun);
  });

  it("lets late children find a parent exported before them", () => {
    const lineage = new SpanLineage(3, 2);
    const root = facts("00000000000000a0", undefined, T0);
    lineage.record(root);
    const rootRun = lineage.resolve(root).runId; // exported early: a fire-and-forget child outlives it
    for (let i = 1; i <= 5; i++) {
      const child = facts(`00000000000000c${i}`, "00000000000000a0", T0 + i);
      lineage.record(child);
      expect(lineage.resolve(child).parentRunId).toBe(rootRun);
    }
    expect(lineage.size).toBe(2);
  });

  it("drops every span once it and its children are exported, whatever the export order", () => {
    const spans = [
      facts("00000000000000a0", undefined, T0),
      facts("00000000000000a1", "00000000000000a0", T0 + 1),
      facts("00000000000000a2", "00000000000000a1", T0 + 2),
      facts("00000000000000a3", "00000000000000a0", T0 + 3),
    ];
    const orders = [[0, 1, 2, 3], [1, 0, 3, 2], [2, 1, 3, 0], [3, 2, 1, 0], [0, 3, 2, 1]];
    for (const order of orders) {
      const lineage = new SpanLineage(100, 1);
      for (const s of spans) lineage.record(s);
      const deepest = order.map((i) => lineage.resolve(spans[i] as never))[order.indexOf(2)];
      expect(deepest?.dottedOrder.split(".")).toHaveLength(3);
      expect(lineage.size).toBe(1); // only the most recently exported span is remembered
    }
  });

  it("does not open again a span exported before when a copy of it is exported again (a re-send)", () => {
    const lineage = new SpanLineage(100, 100);
    const spans = [facts("00000000000000a0", undefined, T0), facts("00000000000000a1", "00000000000000a0", T0 + 1)];
    for (const s of spans) lineage.record(s);
    const first = spans.map((s) => lineage.resolve(s));
    expect(lineage.size).toBe(2);
    const copies = spans.map((s) => ({ ...s }));
    for (const copy of copies) lineage.admit(copy);
    expect(lineage.size).toBe(2); // not opened again (that would count them twice)
    expect(copies.map((c) => lineage.resolve(c))).toEqual(first);
    expect(lineage.size).toBe(2);
    // Both are still exported: nothing stays open to be counted against the bound.
    for (let i = 0; i < 98; i++) lineage.record(facts(`00000000000001${i.toString(16).padStart(2, "0")}`, undefined, T0 + 2 + i));
    expect(lineage.locate(TRACE_ID, "00000000000000a1")?.runId).toBe(first[1]?.runId);
  });

  it("forgets the oldest open span past the bound, giving one with open children another lap", () => {
    const lineage = new SpanLineage(3);
    lineage.record(facts("00000000000000a0", undefined, T0));
    lineage.record(facts("00000000000000a1", "00000000000000a0", T0 + 1));
    lineage.record(facts("00000000000000d1", undefined, T0 + 2));
    lineage.record(facts("00000000000000d2", undefined, T0 + 3)); // over the bound: a0 has an open child, a1 goes
    lineage.record(facts("00000000000000d3", undefined, T0 + 4)); // d1 goes
    expect(lineage.size).toBe(3);
    expect(lineage.locate(TRACE_ID, "00000000000000a0")?.runId).toBe(runIdFor(TRACE_ID, "00000000000000a0", T0));
    expect(lineage.locate(TRACE_ID, "00000000000000a1")).toBeUndefined();
    expect(lineage.locate(TRACE_ID, "00000000000000d1")).toBeUndefined();
    expect(lineage.locate(TRACE_ID, "00000000000000d3")).toBeDefined();
  });

  it("answers the same for the same span object, so a retry re-sends an identical run", () => {
    const lineage = new SpanLineage(1);
    const root = facts("00000000000000a0", undefined, T0);
    const child = facts("00000000000000a1", "00000000000000a0", T0 + 1);
    lineage.record(root);
    lineage.record(child); // evicts the root
    const first = lineage.resolve(child);
    lineage.record(root);
    expect(lineage.resolve(child)).toBe(first);
  });

  it("locates a trace's root for trace-level feedback", () => {
    const lineage = new SpanLineage();
    lineage.record(facts("00000000000000a0", undefined, T0));
    lineage.record(facts("00000000000000a1", "00000000000000a0", T0 + 1));
    const root = lineage.locate(TRACE_ID, undefined);
    expect(root?.runId).toBe(runIdFor(TRACE_ID, "00000000000000a0", T0));
    expect(lineage.locate("0af7651916cd43dd8448eb211c80319c", undefined)).toBeUndefined();
  });

  it("finds the root for trace-level feedback even when a child was seen before it", () => {
    const lineage = new SpanLineage();
    lineage.record(facts("00000000000000a2", "00000000000000a1", T0 + 2));
    lineage.record(facts("00000000000000a1", "00000000000000a0", T0 + 1));
    expect(lineage.locate(TRACE_ID, undefined)?.runId).toBe(runIdFor(TRACE_ID, "00000000000000a1", T0 + 1));
    lineage.record(facts("00000000000000a0", undefined, T0));
    expect(lineage.locate(TRACE_ID, undefined)?.runId).toBe(runIdFor(TRACE_ID, "00000000000000a0", T0));
  });

  it("stops at a parent cycle made of bad ids instead of looping", () => {
    const lineage = new SpanLineage();
    lineage.record(facts("00000000000000a0", "00000000000000a1", T0));
    lineage.record(facts("00000000000000a1", "00000000000000a0", T0));
    expect(lineage.resolve(facts("00000000000000a0", "00000000000000a1", T0)).dottedOrder.split(".")).toHaveLength(2);
  });
});
