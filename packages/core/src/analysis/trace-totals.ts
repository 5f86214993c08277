// Totals of a set of spans: time, errors, tokens and cost, overall and by model.
// Pure. A re-sent span (same traceId and spanId) counts once, and numbers that
// are not finite (bad input) count as zero rather than poisoning the sums.
import type { ReadonlySpan } from "../model/span.js";

export interface TraceUsageTotals {
  input: number;
  output: number;
  /** Per span: its `usage.total`, or input + output when it has none. */
  total: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

export interface TraceModelTotals {
  /** Spans that named this model. */
  calls: number;
  usage: TraceUsageTotals;
  /** USD, over those of the calls that carry a cost. */
  costTotal: number;
}

export interface TraceTotals {
  /** Earliest start (epoch ms); 0 for no spans. */
  startTime: number;
  /** Latest end (epoch ms); 0 for no spans. */
  endTime: number;
  /** Earliest start to latest end. */
  durationMs: number;
  spanCount: number;
  /** Spans with status "error". */
  errorCount: number;
  usage: TraceUsageTotals;
  cost: {
    /** USD summed over the spans that carry a cost. */
    total: number;
    /** How many spans carried a cost: 0 means the cost is unknown, not free. */
    spanCount: number;
  };
  byModel: Record<string, TraceModelTotals>;
}

export function traceTotals(spans: readonly ReadonlySpan[]): TraceTotals {
  const unique = new Map<string, ReadonlySpan>();
  for (const span of spans) unique.set(`${span.traceId}/${span.spanId}`, span);

  let startTime = Infinity;
  let endTime = -Infinity;
  let errorCount = 0;
  let costTotal = 0;
  let costSpans = 0;
  const usage = emptyUsage();
  const byModel = new Map<string, TraceModelTotals>();

  for (const span of unique.values()) {
    const start = finite(span.startTime);
    // A span still running (endTime 0) or with a clock glitch ends where it started.
    const end = Math.max(start, finite(span.endTime));
    startTime = Math.min(startTime, start);
    endTime = Math.max(endTime, end);
    if (span.status === "error") errorCount += 1;

    const spanCost = costOf(span);
    if (spanCost !== undefined) {
      costTotal += spanCost;
      costSpans += 1;
    }
    addUsage(usage, span);

    if (span.model !== undefined && span.model !== "") {
      let model = byModel.get(span.model);
      if (model === undefined) {
        model = { calls: 0, usage: emptyUsage(), costTotal: 0 };
        byModel.set(span.model, model);
      }
      model.calls += 1;
      addUsage(model.usage, span);
      model.costTotal += spanCost ?? 0;
    }
  }

  if (unique.size === 0) {
    startTime = 0;
    endTime = 0;
  }
  return {
    startTime,
    endTime,
    durationMs: endTime - startTime,
    spanCount: unique.size,
    errorCount,
    usage,
    cost: { total: costTotal, spanCount: costSpans },
    // fromEntries defines own properties, so a model named "__proto__" is safe.
    byModel: Object.fromEntries(byModel),
  };
}

function emptyUsage(): TraceUsageTotals {
  return { input: 0, output: 0, total: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
}

function addUsage(into: TraceUsageTotals, span: ReadonlySpan): void {
  const u = span.usage;
  if (u === undefined) return;
  const input = finite(u.input);
  const output = finite(u.output);
  into.input += input;
  into.output += output;
  into.total += u.total !== undefined && Number.isFinite(u.total) ? u.total : input + output;
  into.cacheRead += finite(u.cacheRead);
  into.cacheWrite += finite(u.cacheWrite);
  into.reasoning += finite(u.reasoning);
}

/** The span's cost in USD: its `total`, else input + output; undefined when it carries none. */
function costOf(span: ReadonlySpan): number | undefined {
  const c = span.cost;
  if (c === undefined) return undefined;
  if (c.total !== undefined && Number.isFinite(c.total)) return c.total;
  if (c.input === undefined && c.output === undefined) return undefined;
  return finite(c.input) + finite(c.output);
}

function finite(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 0;
}
