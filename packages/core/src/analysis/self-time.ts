// Self time: the part of a span's duration not covered by any of its children.
// Children that ran in parallel are counted once (the union of their
// intervals), and a child sticking out of its parent only counts inside it, so
// self time is never negative. Pure; pass the spans of one trace.
import type { ReadonlySpan } from "../model/span.js";
import { clipInterval, spanInterval, unionLength, type Interval } from "./span-interval.js";
import { buildTraceTree, type TraceTreeNode } from "./trace-tree.js";

export interface SpanTiming {
  span: ReadonlySpan;
  durationMs: number;
  /** Time covered by at least one child, inside this span. */
  childTimeMs: number;
  /** durationMs − childTimeMs. */
  selfTimeMs: number;
}

/** Timing of every span, keyed by spanId. */
export function spanSelfTimes(spans: readonly ReadonlySpan[]): Map<string, SpanTiming> {
  const timings = new Map<string, SpanTiming>();
  for (const node of allNodes(buildTraceTree(spans).roots)) {
    const own = spanInterval(node.span);
    const covered = node.children
      .map((child) => clipInterval(spanInterval(child.span), own))
      .filter((i): i is Interval => i !== undefined);
    const durationMs = own.end - own.start;
    const childTimeMs = unionLength(covered);
    timings.set(node.span.spanId, { span: node.span, durationMs, childTimeMs, selfTimeMs: durationMs - childTimeMs });
  }
  return timings;
}

/** Every node under `roots`, iteratively (deep traces must not overflow the stack). */
export function allNodes(roots: readonly TraceTreeNode[]): TraceTreeNode[] {
  const out: TraceTreeNode[] = [];
  const stack = [...roots];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    out.push(node);
    stack.push(...node.children);
  }
  return out;
}
