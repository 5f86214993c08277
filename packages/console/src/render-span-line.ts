// The text of one span in a tree, without the tree glyphs in front of it:
// name, kind, model, duration, tokens, cost, retries and the error if any.
import type { ReadonlySpan, Score } from "@tracehub/core";
import type { Painter } from "./ansi.js";
import { formatCost, formatDuration, formatScoreValue, formatUsage } from "./format-values.js";

export interface RenderOptions {
  /** ANSI colours on or off. */
  color: boolean;
  /** Epoch ms used to show how long a still-running span has run; omitted → "running". */
  now?: number;
}

const GAP = "  ";

export function renderSpanBody(span: ReadonlySpan, paint: Painter, now: number | undefined): string {
  const parts: string[] = [`${paint.bold(span.name)} ${paint.dim(span.kind)}`];
  if (span.model !== undefined && span.model !== "") parts[0] += ` ${paint.blue(span.model)}`;
  parts.push(paint.yellow(spanDuration(span, now)));
  const usage = formatUsage(span.usage);
  if (usage !== undefined) parts.push(usage);
  const cost = spanCost(span);
  if (cost !== undefined) parts.push(paint.green(formatCost(cost)));
  if (span.retryCount !== undefined && span.retryCount > 0) {
    parts.push(paint.yellow(span.retryCount === 1 ? "1 retry" : `${span.retryCount} retries`));
  }
  const status = renderSpanStatus(span, paint);
  if (status !== undefined) parts.push(status);
  return parts.join(GAP);
}

/** "✗ TimeoutError: search timed out [timeout]" for an error span; nothing for ok/unset. */
export function renderSpanStatus(span: ReadonlySpan, paint: Painter): string | undefined {
  if (span.status !== "error") return undefined;
  if (span.error !== undefined) {
    const { type, message, category } = span.error;
    return paint.red(`✗ ${type}: ${oneLine(message)}`) + " " + paint.dim(`[${category}]`);
  }
  const message = span.statusMessage === undefined ? "" : `: ${oneLine(span.statusMessage)}`;
  return paint.red(`✗ error${message}`);
}

/** "◆ relevance 0.82 (evaluator) “short comment”". */
export function renderScore(score: Score, paint: Painter): string {
  const comment = score.comment === undefined || score.comment === "" ? "" : " " + paint.dim(`“${oneLine(score.comment)}”`);
  return `${paint.magenta("◆")} ${score.name} ${paint.bold(formatScoreValue(score.value))} ${paint.dim(`(${score.source})`)}${comment}`;
}

/** Duration of an ended span; for a live one (endTime 0) how long it has run so far. */
export function spanDuration(span: ReadonlySpan, now: number | undefined): string {
  if (span.endTime > 0 && span.endTime >= span.startTime) return formatDuration(span.endTime - span.startTime);
  return now === undefined ? "running" : `running ${formatDuration(now - span.startTime)}`;
}

/** USD: the span's cost total, else input + output; undefined when it carries none. */
function spanCost(span: ReadonlySpan): number | undefined {
  const cost = span.cost;
  if (cost === undefined) return undefined;
  if (cost.total !== undefined) return cost.total;
  if (cost.input === undefined && cost.output === undefined) return undefined;
  return (cost.input ?? 0) + (cost.output ?? 0);
}

/** Messages and comments can hold newlines; a tree line must stay one line. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s*\r?\n\s*/g, " ⏎ ");
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
