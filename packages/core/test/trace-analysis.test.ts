// Trace analysis on hand-built traces whose answers were worked out on paper:
// self time, parallel groups, the critical path, and the cost forecast.
import { describe, expect, it } from "vitest";
import {
  criticalPath,
  forecastCost,
  parallelGroups,
  spanSelfTimes,
  traceParallelism,
  type SpanRecord,
} from "../src/index.js";
import { normalQuantile } from "../src/analysis/statistics.js";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

function span(spanId: string, start: number, end: number, over: Partial<SpanRecord> = {}): SpanRecord {
  return {
    traceId: TRACE,
    spanId,
    links: [],
    name: spanId,
    kind: "span",
    startTime: start,
    endTime: end,
    status: "ok",
    attributes: {},
    events: [],
    context: {},
    ...over,
  };
}

/**
 * R [0,100]
 * ├─ A plan        [0,10]
 * ├─ B retrieve-1  [10,40] ┐
 * ├─ C retrieve-2  [12,55] ├ in parallel
 * ├─ D retrieve-3  [15,30] ┘
 * ├─ E generate    [55,95]
 * │  └─ E1 llm     [60,90]
 * └─ F event       [95,95] (zero length)
 */
const T0 = 1_700_000_000_000;
const rag = [
  span("R", 0, 100),
  span("A", 0, 10, { parentSpanId: "R" }),
  span("B", 10, 40, { parentSpanId: "R" }),
  span("C", 12, 55, { parentSpanId: "R" }),
  span("D", 15, 30, { parentSpanId: "R" }),
  span("E", 55, 95, { parentSpanId: "R" }),
  span("E1", 60, 90, { parentSpanId: "E" }),
  span("F", 95, 95, { parentSpanId: "R", kind: "event" }),
].map((s) => ({ ...s, startTime: T0 + s.startTime, endTime: T0 + s.endTime }));

describe("self time", () => {
  it("subtracts the union of the children, counting parallel children once", () => {
    const times = spanSelfTimes(rag);
    const self = Object.fromEntries([...times].map(([id, t]) => [id, t.selfTimeMs]));
    expect(self).toEqual({ R: 5, A: 10, B: 30, C: 43, D: 15, E: 10, E1: 30, F: 0 });
    expect(times.get("R")!.childTimeMs).toBe(95);
  });

  it("clips a child that outlives its parent", () => {
    const times = spanSelfTimes([span("p", 0, 10), span("c", 5, 50, { parentSpanId: "p" })]);
    expect(times.get("p")).toMatchObject({ durationMs: 10, childTimeMs: 5, selfTimeMs: 5 });
  });
});

describe("parallel groups", () => {
  it("finds the overlapping siblings and the parallelism they achieved", () => {
    const groups = parallelGroups(rag);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group!.parentSpanId).toBe("R");
    expect(group!.spans.map((s) => s.spanId)).toEqual(["B", "C", "D"]);
    expect(group!.wallMs).toBe(45);
    expect(group!.busyMs).toBe(30 + 43 + 15);
    expect(group!.parallelism).toBeCloseTo(88 / 45, 12);
    expect(group!.maxConcurrency).toBe(3);
  });

  it("treats spans that touch as sequential and chains of overlaps as one group", () => {
    const spans = [
      span("p", 0, 100),
      span("a", 0, 10, { parentSpanId: "p" }),
      span("b", 10, 20, { parentSpanId: "p" }),
      // c overlaps d, d overlaps e, c and e do not: one group, at most two at a time.
      span("c", 30, 50, { parentSpanId: "p" }),
      span("d", 45, 70, { parentSpanId: "p" }),
      span("e", 65, 80, { parentSpanId: "p" }),
    ];
    const groups = parallelGroups(spans);
    expect(groups.map((g) => g.spans.map((s) => s.spanId))).toEqual([["c", "d", "e"]]);
    expect(groups[0]).toMatchObject({ wallMs: 50, busyMs: 60, maxConcurrency: 2 });
  });

  it("measures the parallelism of a whole trace as work over wall time", () => {
    // Self times add up to 5 + 10 + 30 + 43 + 15 + 10 + 30 = 143 over 100 ms.
    expect(traceParallelism(rag)).toEqual({ wallMs: 100, busyMs: 143, parallelism: 1.43 });
  });
});

describe("critical path", () => {
  it("follows the last-finishing child back from the end of the trace", () => {
    const path = criticalPath(rag);
    const segments = path.segments.map((s) => [s.span.spanId, s.startTime - T0, s.endTime - T0]);
    expect(segments).toEqual([
      ["A", 0, 10],
      ["R", 10, 12],
      ["C", 12, 55],
      ["E", 55, 60],
      ["E1", 60, 90],
      ["E", 90, 95],
      ["R", 95, 100],
    ]);
    expect(path.spans.map((s) => s.spanId)).toEqual(["A", "R", "C", "E", "E1"]);
    expect(path.durationMs).toBe(100);
    expect(path.segments.reduce((sum, s) => sum + s.durationMs, 0)).toBe(100);
  });

  it("spans several roots (an orphan whose parent never arrived) and handles no spans", () => {
    const path = criticalPath([span("x", 0, 10), span("y", 20, 30, { parentSpanId: "missing" })]);
    expect(path.segments.map((s) => [s.span.spanId, s.startTime, s.endTime])).toEqual([
      ["x", 0, 10],
      ["y", 20, 30],
    ]);
    expect(path.durationMs).toBe(30);
    expect(criticalPath([])).toEqual({ startTime: 0, endTime: 0, durationMs: 0, segments: [], spans: [] });
  });

  it("walks a very deep trace without overflowing the stack", () => {
    const deep = Array.from({ length: 20_000 }, (_, i) =>
      span(`s${i}`, i, 40_000 - i, i === 0 ? {} : { parentSpanId: `s${i - 1}` }),
    );
    const path = criticalPath(deep);
    expect(path.spans).toHaveLength(20_000);
    expect(path.durationMs).toBe(40_000);
  });
});

describe("cost forecast", () => {
  const DAY = 86_400_000;
  let next = 0;
  /** One trace: a span per [model, cost], all starting at `time`. */
  const trace = (time: number, calls: [string, number][]): SpanRecord[] => {
    const traceId = (++next).toString(16).padStart(32, "0");
    return calls.map(([model, cost], i) =>
      span(`${i}`.padStart(16, "0"), time, time + 10, { traceId, kind: "llm", model, cost: { total: cost } }),
    );
  };

  it("gives mean, p50, p95 per trace and per model, and a projection with its interval", () => {
    const day = Date.UTC(2026, 0, 5);
    const sample = [
      ...trace(day, [["big", 1], ["small", 0.5]]),
      ...trace(day, [["big", 2], ["small", 0.5]]),
      ...trace(day, [["big", 3]]),
      ...trace(day, [["big", 4]]),
      ...trace(day, [["big", 5]]),
    ];
    const forecast = forecastCost(sample, { tracesPerDay: 100, days: 30 });
    // Per-trace costs 1.5, 2.5, 3, 4, 5.
    expect(forecast.sampleTraces).toBe(5);
    expect(forecast.perTrace.mean).toBeCloseTo(3.2, 12);
    expect(forecast.perTrace.p50).toBeCloseTo(3, 12);
    expect(forecast.perTrace.p95).toBeCloseTo(4.8, 12); // rank 0.95 × 4 = 3.8: 4 + 0.8 × (5 − 4)
    expect(forecast.perTrace.stdDev).toBeCloseTo(Math.sqrt(7.3 / 4), 12);
    expect(forecast.byModel.big).toMatchObject({ traces: 5, mean: 3, p50: 3, meanPerSampledTrace: 3 });
    expect(forecast.byModel.small!.traces).toBe(2);
    expect(forecast.byModel.small!.meanPerSampledTrace).toBeCloseTo(0.2, 12);

    const { projection } = forecast;
    expect(projection.traces).toBe(3_000);
    expect(projection.expected).toBeCloseTo(9_600, 9);
    // Var = 3000 σ² (trace-to-trace) + 3000² σ² / 5 (uncertain mean), σ² = 1.825; z(0.975) ≈ 1.959964.
    const margin = 1.959964 * Math.sqrt(3_000 * 1.825 + (3_000 ** 2 * 1.825) / 5);
    expect(projection.low).toBeCloseTo(9_600 - margin, 1);
    expect(projection.high).toBeCloseTo(9_600 + margin, 1);
    expect(projection.confidence).toBe(0.95);
    expect(forecast.trend).toBeUndefined(); // one day only
  });

  it("finds the trend when the sample spans several days", () => {
    const day1 = Date.UTC(2026, 0, 5, 12);
    const sample = [1, 1, 2, 2, 3, 3].flatMap((cost, i) => trace(day1 + Math.floor(i / 2) * DAY, [["m", cost]]));
    const forecast = forecastCost(sample, { tracesPerDay: 10, days: 2 });
    expect(forecast.trend!.daily).toEqual([
      { day: "2026-01-05", traces: 2, meanCost: 1 },
      { day: "2026-01-06", traces: 2, meanCost: 2 },
      { day: "2026-01-07", traces: 2, meanCost: 3 },
    ]);
    expect(forecast.trend!.slopePerDay).toBeCloseTo(1, 12);
    expect(forecast.trend!.relativeSlopePerDay).toBeCloseTo(0.5, 12);
    // The next two days continue the line: 10 × (4 + 5).
    expect(forecast.trend!.projectedTotal).toBeCloseTo(90, 9);
  });

  it("reports traces without any cost and copes with an empty sample", () => {
    const free = trace(Date.UTC(2026, 0, 5), [["unknown", 0]]).map((s) => ({ ...s, cost: undefined }));
    const forecast = forecastCost([...free, ...trace(Date.UTC(2026, 0, 5), [["m", 2]])], { tracesPerDay: 1, days: 1 });
    expect(forecast.tracesWithoutCost).toBe(1);
    expect(forecast.perTrace.mean).toBe(1);
    const empty = forecastCost([], { tracesPerDay: 1000, days: 30 });
    expect(empty.projection).toEqual({ traces: 30_000, expected: 0, low: 0, high: 0, confidence: 0.95 });
  });

  it("uses the normal quantile of the asked confidence", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6);
  });
});
