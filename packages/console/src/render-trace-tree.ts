// The pretty view of one trace: a header, the span tree, the totals and the
// scores. Pure, so tests can compare exact strings.
import { buildTraceTree, traceTotals } from "@tracehub/core";
import type { ReadonlySpan, Score, TraceTotals, TraceTree, TraceTreeNode } from "@tracehub/core";
import { createPainter, type Painter } from "./ansi.js";
import { formatCost, formatCount, formatDuration, formatUsage, shortId, type UsageCounts } from "./format-values.js";
import { renderScore, type RenderOptions } from "./render-span-line.js";
import { renderTreeLines } from "./tree-lines.js";

const GAP = "  ";

/** Renders one trace (spans of one traceId, plus its scores) as lines ending in "\n". */
export function renderTraceTree(
  spans: readonly ReadonlySpan[],
  scores: readonly Score[],
  options: RenderOptions,
): string {
  const paint = createPainter(options.color);
  const tree = buildTraceTree(spans);
  const totals = traceTotals(spans);
  const inTree = new Set(spans.map((s) => s.spanId));

  const scoresBySpan = new Map<string, Score[]>();
  const traceScores: Score[] = [];
  for (const score of scores) {
    if (score.spanId === undefined || !inTree.has(score.spanId)) {
      traceScores.push(score);
      continue;
    }
    const list = scoresBySpan.get(score.spanId);
    if (list === undefined) scoresBySpan.set(score.spanId, [score]);
    else list.push(score);
  }

  const lines = [
    renderHeader(tree, totals, scores[0]?.traceId ?? "", paint),
    ...renderTreeLines(tree.roots, scoresBySpan, paint, options.now),
  ];
  if (spans.length > 0) lines.push(...renderTotals(totals, paint));
  for (const score of traceScores) lines.push(renderScore(score, paint));
  return lines.join("\n") + "\n";
}

/** The span that names the trace: the first real root, else the first orphan. */
export function mainRoot(tree: TraceTree): TraceTreeNode | undefined {
  return tree.roots.find((r) => !r.orphan) ?? tree.roots[0];
}

/** The trace's display name: the context's traceName, else the root span's name. */
export function traceDisplayName(root: ReadonlySpan | undefined): string {
  if (root === undefined) return "(no spans)";
  const name = root.context.traceName;
  return name !== undefined && name !== "" ? name : root.name;
}

function renderHeader(tree: TraceTree, totals: TraceTotals, fallbackTraceId: string, paint: Painter): string {
  const root = mainRoot(tree)?.span;
  const traceId = tree.traceId !== "" ? tree.traceId : fallbackTraceId;
  const parts = [`${paint.cyan("trace")} ${paint.bold(traceDisplayName(root))} ${paint.dim(shortId(traceId))}`];
  if (root === undefined) return parts[0] ?? "";

  parts.push(paint.yellow(formatDuration(totals.durationMs)));
  if (totals.usage.total > 0) parts.push(`${formatCount(totals.usage.total)} tok`);
  if (totals.cost.spanCount > 0) parts.push(paint.green(formatCost(totals.cost.total)));

  const context = root.context;
  if (context.userId !== undefined) parts.push(`${paint.dim("user")} ${context.userId}`);
  if (context.sessionId !== undefined) parts.push(`${paint.dim("session")} ${context.sessionId}`);
  if (context.tags !== undefined && context.tags.length > 0) parts.push(`${paint.dim("tags")} ${context.tags.join(",")}`);

  parts.push(renderTraceStatus(tree, totals, paint));
  return parts.join(GAP);
}

function renderTraceStatus(tree: TraceTree, totals: TraceTotals, paint: Painter): string {
  if (tree.roots.every((r) => r.orphan)) return paint.yellow("⚠ incomplete: root never arrived");
  if (tree.roots.some((r) => !r.orphan && r.span.status === "error")) return paint.red("✗ error");
  if (totals.errorCount > 0) return paint.yellow(`⚠ ${plural(totals.errorCount, "error")}`);
  return paint.green("✓ ok");
}

/** "Σ 6 spans  1.5s  824→95 tok …  $0.0031  1 error", then one line per model. */
function renderTotals(totals: TraceTotals, paint: Painter): string[] {
  const parts = [`${paint.cyan("Σ")} ${plural(totals.spanCount, "span")}`, paint.yellow(formatDuration(totals.durationMs))];
  const usage = totals.usage.total > 0 ? formatUsage(sparse(totals.usage)) : undefined;
  if (usage !== undefined) parts.push(usage);
  if (totals.cost.spanCount > 0) parts.push(paint.green(formatCost(totals.cost.total)));
  if (totals.errorCount > 0) parts.push(paint.red(plural(totals.errorCount, "error")));

  const lines = [parts.join(GAP)];
  const models = Object.keys(totals.byModel).sort();
  for (const model of models) {
    const m = totals.byModel[model];
    if (m === undefined) continue;
    const modelParts = [`  ${paint.blue(model)}`, plural(m.calls, "call")];
    const modelUsage = m.usage.total > 0 ? formatUsage(sparse(m.usage)) : undefined;
    if (modelUsage !== undefined) modelParts.push(modelUsage);
    if (m.costTotal !== 0) modelParts.push(paint.green(formatCost(m.costTotal)));
    lines.push(modelParts.join(GAP));
  }
  return lines;
}

/** Sums are 0 where no span said anything; a zero side reads as absent ("12 tok in", not "12→0 tok"). */
function sparse(usage: TraceTotals["usage"]): UsageCounts {
  return { ...usage, input: usage.input || undefined, output: usage.output || undefined };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
