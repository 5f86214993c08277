// Lines for records that arrive after their trace was printed: late spans
// (children that ended after the root) and late scores.
import { buildTraceTree } from "@tracehub/core";
import type { ReadonlySpan, Score } from "@tracehub/core";
import { createPainter } from "./ansi.js";
import { shortId } from "./format-values.js";
import { renderScore, type RenderOptions } from "./render-span-line.js";
import { renderTreeLines } from "./tree-lines.js";

/** What is remembered of a printed trace, to label late records. */
export interface PrintedTraceInfo {
  traceId: string;
  name: string;
  /** spanId → span name, for every span printed so far. */
  spanNames: ReadonlyMap<string, string>;
}

/**
 * Late spans of one printed trace: for each parent that was printed before, a
 * "late span" line naming it, then the late subtree drawn beneath it.
 */
export function renderLateSpans(
  spans: readonly ReadonlySpan[],
  scores: readonly Score[],
  printed: PrintedTraceInfo,
  options: RenderOptions,
): string {
  const paint = createPainter(options.color);
  const scoresBySpan = new Map<string, Score[]>();
  for (const score of scores) {
    if (score.spanId === undefined) continue;
    const list = scoresBySpan.get(score.spanId);
    if (list === undefined) scoresBySpan.set(score.spanId, [score]);
    else list.push(score);
  }
  // Within the late set, the spans whose parents were printed earlier are the (orphan) roots.
  const lines: string[] = [];
  for (const root of buildTraceTree(spans).roots) {
    const parentId = root.span.parentSpanId ?? "";
    const parentName = printed.spanNames.get(parentId) ?? shortId(parentId);
    lines.push(`${paint.yellow("late span")}  ${paint.dim(shortId(printed.traceId))} ${printed.name} › ${parentName}`);
    lines.push(...renderTreeLines([root], scoresBySpan, paint, options.now, true));
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

/** One line for a score whose trace was printed already, or never arrived. */
export function renderLateScore(score: Score, printed: PrintedTraceInfo | undefined, options: RenderOptions): string {
  const paint = createPainter(options.color);
  let target = paint.dim(shortId(score.traceId));
  if (printed !== undefined) target += ` ${printed.name}`;
  if (score.spanId !== undefined) target += ` › ${printed?.spanNames.get(score.spanId) ?? paint.dim(shortId(score.spanId))}`;
  const label = printed === undefined ? "score" : "late score";
  return `${paint.magenta(label)}  ${target}  ${renderScore(score, paint)}\n`;
}
