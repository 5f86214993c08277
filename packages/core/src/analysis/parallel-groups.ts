// Groups of sibling spans that ran in parallel, and how much parallelism they
// achieved. Siblings (same parent) whose intervals overlap, directly or
// through a chain, form one group; spans that merely touch (one ends as the
// next starts) ran in sequence. Zero-length spans (events) take no part. Pure.
import type { ReadonlySpan } from "../model/span.js";
import { allNodes, spanSelfTimes } from "./self-time.js";
import { spanInterval, type Interval } from "./span-interval.js";
import { buildTraceTree, type TraceTreeNode } from "./trace-tree.js";

export interface ParallelGroup {
  /** The parent the siblings share; undefined for a group of root spans. */
  parentSpanId: string | undefined;
  /** The overlapping siblings, by start time. */
  spans: ReadonlySpan[];
  /** Earliest start and latest end of the group (epoch ms). */
  startTime: number;
  endTime: number;
  /** endTime − startTime. */
  wallMs: number;
  /** Sum of the members' durations. */
  busyMs: number;
  /** busyMs / wallMs: 1 is sequential, n is n spans fully side by side. */
  parallelism: number;
  /** Most members running at the same moment. */
  maxConcurrency: number;
}

export interface TraceParallelism {
  /** Earliest start to latest end. */
  wallMs: number;
  /** Sum of every span's self time: the work done. */
  busyMs: number;
  /** busyMs / wallMs: the average number of spans doing their own work at once. */
  parallelism: number;
}

/** Every group of two or more overlapping siblings in a trace, by start time. */
export function parallelGroups(spans: readonly ReadonlySpan[]): ParallelGroup[] {
  const tree = buildTraceTree(spans);
  const groups: ParallelGroup[] = [];
  groups.push(...groupSiblings(tree.roots, undefined));
  for (const node of allNodes(tree.roots)) groups.push(...groupSiblings(node.children, node.span.spanId));
  return groups.sort((a, b) => a.startTime - b.startTime);
}

/** Parallelism of the whole trace: self time summed over its spans, against its wall time. */
export function traceParallelism(spans: readonly ReadonlySpan[]): TraceParallelism {
  const timings = [...spanSelfTimes(spans).values()];
  if (timings.length === 0) return { wallMs: 0, busyMs: 0, parallelism: 0 };
  const intervals = timings.map((t) => spanInterval(t.span));
  const wallMs = intervals.reduce((max, i) => Math.max(max, i.end), -Infinity) - intervals.reduce((min, i) => Math.min(min, i.start), Infinity);
  const busyMs = timings.reduce((sum, t) => sum + t.selfTimeMs, 0);
  return { wallMs, busyMs, parallelism: wallMs > 0 ? busyMs / wallMs : 0 };
}

function groupSiblings(siblings: readonly TraceTreeNode[], parentSpanId: string | undefined): ParallelGroup[] {
  const timed = siblings
    .map((node) => ({ span: node.span, interval: spanInterval(node.span) }))
    .filter(({ interval }) => interval.end > interval.start)
    .sort((a, b) => a.interval.start - b.interval.start || a.interval.end - b.interval.end);

  const groups: ParallelGroup[] = [];
  let current: typeof timed = [];
  let currentEnd = -Infinity;
  const close = (): void => {
    if (current.length > 1) groups.push(describeGroup(current, parentSpanId));
  };
  for (const member of timed) {
    if (member.interval.start < currentEnd) {
      current.push(member);
      currentEnd = Math.max(currentEnd, member.interval.end);
    } else {
      close();
      current = [member];
      currentEnd = member.interval.end;
    }
  }
  close();
  return groups;
}

function describeGroup(
  members: readonly { span: ReadonlySpan; interval: Interval }[],
  parentSpanId: string | undefined,
): ParallelGroup {
  // reduce, not Math.min(...spread): a group of many thousand spans must not exceed the argument limit.
  const startTime = members.reduce((min, m) => Math.min(min, m.interval.start), Infinity);
  const endTime = members.reduce((max, m) => Math.max(max, m.interval.end), -Infinity);
  const wallMs = endTime - startTime;
  const busyMs = members.reduce((sum, m) => sum + (m.interval.end - m.interval.start), 0);
  return {
    parentSpanId,
    spans: members.map((m) => m.span),
    startTime,
    endTime,
    wallMs,
    busyMs,
    parallelism: wallMs > 0 ? busyMs / wallMs : 0,
    maxConcurrency: peakOverlap(members.map((m) => m.interval)),
  };
}

/** Sweep line; an end and a start at the same instant do not overlap. */
function peakOverlap(intervals: readonly Interval[]): number {
  const edges = intervals.flatMap((i) => [
    { at: i.start, delta: 1 },
    { at: i.end, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let peak = 0;
  for (const edge of edges) {
    running += edge.delta;
    peak = Math.max(peak, running);
  }
  return peak;
}
