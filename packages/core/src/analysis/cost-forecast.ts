// Cost forecast from a sample of traces: what a trace costs (mean, p50, p95,
// overall and per model), what N traces a day for D days will cost with a
// confidence interval, and, when the sample covers several days, the trend.
// Pure. A trace's cost is the sum of its spans' costs (trace-totals.ts); a
// trace with no priced span counts as 0 and is reported in `tracesWithoutCost`.
import type { ReadonlySpan } from "../model/span.js";
import { linearFit, mean, normalQuantile, percentile, sampleStdDev } from "./statistics.js";
import { traceTotals } from "./trace-totals.js";

export interface CostForecastOptions {
  /** Traces expected per day. */
  tracesPerDay: number;
  /** Days to project over. */
  days: number;
  /** Two-sided confidence of the interval, in (0, 1); default 0.95. */
  confidence?: number;
}

export interface CostDistribution {
  mean: number;
  p50: number;
  p95: number;
  /** Sample standard deviation (n − 1); 0 for fewer than two traces. */
  stdDev: number;
}

export interface ModelCostForecast extends CostDistribution {
  /** Traces of the sample that called this model; mean, p50, p95 and stdDev are over those. */
  traces: number;
  /** Mean cost of this model per trace of the whole sample (traces not calling it count 0): these add up to perTrace.mean. */
  meanPerSampledTrace: number;
}

export interface CostTrend {
  /** Mean cost per trace for each UTC day in the sample. */
  daily: { day: string; traces: number; meanCost: number }[];
  /** Change of the mean cost per trace per day (least squares over the daily means), USD. */
  slopePerDay: number;
  /** slopePerDay relative to the sample's mean cost per trace. */
  relativeSlopePerDay: number;
  /** Projected spend if the trend continues from the last sampled day (a day's mean never below 0). */
  projectedTotal: number;
}

export interface CostForecast {
  sampleTraces: number;
  /** Traces in which no span carried a cost (counted as 0: unknown models or no model calls). */
  tracesWithoutCost: number;
  perTrace: CostDistribution;
  byModel: Record<string, ModelCostForecast>;
  projection: {
    traces: number;
    /** tracesPerDay × days × mean cost per trace. */
    expected: number;
    /** Confidence interval of the total, from the spread between traces and the uncertainty of the sampled mean. */
    low: number;
    high: number;
    confidence: number;
  };
  /** Present when the sample's traces started on two or more UTC days. */
  trend?: CostTrend;
}

interface SampledTrace {
  day: string;
  cost: number;
  priced: boolean;
  byModel: Map<string, number>;
}

const DAY_MS = 86_400_000;

export function forecastCost(spans: readonly ReadonlySpan[], options: CostForecastOptions): CostForecast {
  const traces = sampleTraces(spans);
  const costs = traces.map((t) => t.cost);
  const perTrace = distribution(costs);
  const confidence = options.confidence !== undefined && options.confidence > 0 && options.confidence < 1 ? options.confidence : 0.95;
  const tracesPerDay = Math.max(0, finite(options.tracesPerDay));
  const days = Math.max(0, finite(options.days));
  const projected = tracesPerDay * days;

  // Total = sum of `projected` future traces: their own spread (projected·σ²) plus the error of the sampled mean ((projected·σ)²/n).
  const n = traces.length;
  const variance = n === 0 ? 0 : projected * perTrace.stdDev ** 2 + (projected * perTrace.stdDev) ** 2 / n;
  const margin = normalQuantile(0.5 + confidence / 2) * Math.sqrt(variance);
  const expected = projected * perTrace.mean;

  const forecast: CostForecast = {
    sampleTraces: n,
    tracesWithoutCost: traces.filter((t) => !t.priced).length,
    perTrace,
    byModel: modelForecasts(traces),
    projection: { traces: projected, expected, low: Math.max(0, expected - margin), high: expected + margin, confidence },
  };
  const trend = costTrend(traces, perTrace.mean, tracesPerDay, days);
  if (trend !== undefined) forecast.trend = trend;
  return forecast;
}

function sampleTraces(spans: readonly ReadonlySpan[]): SampledTrace[] {
  const byTrace = new Map<string, ReadonlySpan[]>();
  for (const span of spans) {
    const group = byTrace.get(span.traceId);
    if (group === undefined) byTrace.set(span.traceId, [span]);
    else group.push(span);
  }
  return [...byTrace.values()].map((group) => {
    const totals = traceTotals(group);
    const byModel = new Map(Object.entries(totals.byModel).map(([model, t]) => [model, t.costTotal]));
    return {
      day: new Date(totals.startTime).toISOString().slice(0, 10),
      cost: totals.cost.total,
      priced: totals.cost.spanCount > 0,
      byModel,
    };
  });
}

function distribution(values: readonly number[]): CostDistribution {
  return { mean: mean(values), p50: percentile(values, 0.5), p95: percentile(values, 0.95), stdDev: sampleStdDev(values) };
}

function modelForecasts(traces: readonly SampledTrace[]): Record<string, ModelCostForecast> {
  const perModel = new Map<string, number[]>();
  for (const trace of traces) {
    for (const [model, cost] of trace.byModel) {
      const list = perModel.get(model);
      if (list === undefined) perModel.set(model, [cost]);
      else list.push(cost);
    }
  }
  const out = new Map<string, ModelCostForecast>();
  for (const [model, costs] of perModel) {
    const total = costs.reduce((sum, c) => sum + c, 0);
    out.set(model, { traces: costs.length, meanPerSampledTrace: total / traces.length, ...distribution(costs) });
  }
  // fromEntries defines own properties, so a model named "__proto__" is safe.
  return Object.fromEntries(out);
}

function costTrend(traces: readonly SampledTrace[], sampleMean: number, tracesPerDay: number, days: number): CostTrend | undefined {
  const byDay = new Map<string, number[]>();
  for (const trace of traces) {
    const list = byDay.get(trace.day);
    if (list === undefined) byDay.set(trace.day, [trace.cost]);
    else list.push(trace.cost);
  }
  if (byDay.size < 2) return undefined;
  const daily = [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, costs]) => ({ day, traces: costs.length, meanCost: mean(costs) }));
  const first = Date.parse(daily[0]?.day ?? "");
  const points = daily.map((d) => ({ x: (Date.parse(d.day) - first) / DAY_MS, y: d.meanCost }));
  const { intercept, slope } = linearFit(points);
  const lastX = points.at(-1)?.x ?? 0;
  let projectedTotal = 0;
  for (let k = 1; k <= Math.floor(days); k++) projectedTotal += tracesPerDay * Math.max(0, intercept + slope * (lastX + k));
  return {
    daily,
    slopePerDay: slope,
    relativeSlopePerDay: sampleMean > 0 ? slope / sampleMean : 0,
    projectedTotal,
  };
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
