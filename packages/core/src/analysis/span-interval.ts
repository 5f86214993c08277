// A span's time interval as the analyses use it, and the length of a union of
// intervals. A span still running (endTime 0) or with an end before its start
// is treated as ending where it started, as in trace-totals.ts.
import type { ReadonlySpan } from "../model/span.js";

export interface Interval {
  start: number;
  end: number;
}

export function spanInterval(span: ReadonlySpan): Interval {
  const start = Number.isFinite(span.startTime) ? span.startTime : 0;
  const end = Number.isFinite(span.endTime) ? Math.max(start, span.endTime) : start;
  return { start, end };
}

/** Total length covered by `intervals`, overlaps counted once. */
export function unionLength(intervals: readonly Interval[]): number {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let runStart = -Infinity;
  let runEnd = -Infinity;
  for (const { start, end } of sorted) {
    if (start > runEnd) {
      if (runEnd > runStart) total += runEnd - runStart;
      runStart = start;
      runEnd = end;
    } else if (end > runEnd) {
      runEnd = end;
    }
  }
  if (runEnd > runStart) total += runEnd - runStart;
  return total;
}

/** `interval` cut to `window`; undefined when nothing of it is inside. */
export function clipInterval(interval: Interval, window: Interval): Interval | undefined {
  const start = Math.max(interval.start, window.start);
  const end = Math.min(interval.end, window.end);
  return end > start ? { start, end } : undefined;
}
