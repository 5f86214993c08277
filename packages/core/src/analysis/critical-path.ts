// The critical path: the chain of work that determined a trace's end-to-end
// latency. Walking back from the end of a span, the child that finished last
// is what the span was waiting for; its own critical path is followed, then
// the walk continues from that child's start with the children that finished
// before it. Time no child covers is the span's own. Children that overlapped
// the chosen one were not on the path: shortening them would not have made
// the trace faster. (The same walk as Jaeger's critical-path view.) Pure.
import type { ReadonlySpan } from "../model/span.js";
import { clipInterval, spanInterval, type Interval } from "./span-interval.js";
import { buildTraceTree, type TraceTreeNode } from "./trace-tree.js";

export interface CriticalPathSegment {
  span: ReadonlySpan;
  startTime: number;
  endTime: number;
  durationMs: number;
}

export interface CriticalPath {
  /** Earliest start to latest end of the trace. */
  startTime: number;
  endTime: number;
  durationMs: number;
  /** Consecutive stretches of time and the span that was the bottleneck in each, in time order. */
  segments: CriticalPathSegment[];
  /** Spans on the path, by the time they first appear on it. */
  spans: ReadonlySpan[];
}

interface Frame {
  /** undefined: the virtual root over several local roots or orphans. */
  span: ReadonlySpan | undefined;
  window: Interval;
  cursor: number;
  /** Children clipped to the window, latest end first. */
  children: { node: TraceTreeNode; interval: Interval }[];
  next: number;
}

/** The critical path of one trace (pass the spans of one trace). */
export function criticalPath(spans: readonly ReadonlySpan[]): CriticalPath {
  const roots = buildTraceTree(spans).roots;
  if (roots.length === 0) return { startTime: 0, endTime: 0, durationMs: 0, segments: [], spans: [] };

  const single = roots.length === 1 ? roots[0] : undefined;
  const intervals = roots.map((r) => spanInterval(r.span));
  const window: Interval = {
    start: intervals.reduce((min, i) => Math.min(min, i.start), Infinity),
    end: intervals.reduce((max, i) => Math.max(max, i.end), -Infinity),
  };
  const reversed: CriticalPathSegment[] = [];
  const emit = (span: ReadonlySpan | undefined, start: number, end: number): void => {
    if (span !== undefined && end > start) reversed.push({ span, startTime: start, endTime: end, durationMs: end - start });
  };

  const stack: Frame[] = [frame(single?.span, window, single === undefined ? roots : single.children)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const child = top.children[top.next++];
    if (child === undefined) {
      emit(top.span, top.window.start, top.cursor);
      stack.pop();
      continue;
    }
    // Children are visited latest end first and the cursor only moves back: one that ends after it never qualifies.
    if (child.interval.end > top.cursor) continue;
    emit(top.span, child.interval.end, top.cursor);
    top.cursor = child.interval.start;
    stack.push(frame(child.node.span, child.interval, child.node.children));
  }

  const segments = mergeAdjacent(reversed.reverse());
  const seen = new Set<ReadonlySpan>();
  for (const segment of segments) seen.add(segment.span);
  return {
    startTime: window.start,
    endTime: window.end,
    durationMs: window.end - window.start,
    segments,
    spans: [...seen],
  };
}

function frame(span: ReadonlySpan | undefined, window: Interval, children: readonly TraceTreeNode[]): Frame {
  const clipped = children
    .map((node) => ({ node, interval: clipInterval(spanInterval(node.span), window) }))
    .filter((c): c is { node: TraceTreeNode; interval: Interval } => c.interval !== undefined)
    .sort((a, b) => b.interval.end - a.interval.end || b.interval.start - a.interval.start);
  return { span, window, cursor: window.end, children: clipped, next: 0 };
}

/** Joins back-to-back segments of the same span (a parent's time split around a zero-length gap). */
function mergeAdjacent(segments: readonly CriticalPathSegment[]): CriticalPathSegment[] {
  const out: CriticalPathSegment[] = [];
  for (const segment of segments) {
    const last = out.at(-1);
    if (last !== undefined && last.span === segment.span && last.endTime === segment.startTime) {
      last.endTime = segment.endTime;
      last.durationMs = last.endTime - last.startTime;
    } else {
      out.push({ ...segment });
    }
  }
  return out;
}
