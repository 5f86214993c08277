// Formatting of the numbers a trace tree shows: durations, token counts, USD
// cost, short ids. Locale-independent so output (and tests) are the same everywhere.
import type { ScoreValue, Usage } from "@tracehub/core";

/** The token counts shown: a span's Usage or a trace's usage totals. */
export type UsageCounts = Pick<Usage, "input" | "output" | "total" | "cacheRead" | "cacheWrite" | "reasoning">;

/** 0.42ms, 4.2ms, 120ms, 1.23s, 2m 05s, 1h 02m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  if (ms < 10) return `${trimZeros(ms.toFixed(ms < 1 ? 2 : 1))}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${trimZeros((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))}s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${pad2(totalSeconds % 60)}s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)}h ${pad2(totalMinutes % 60)}m`;
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "?";
  const sign = n < 0 ? "-" : "";
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** USD with precision that keeps small costs readable: $1.23, $0.0123, $0.00031, $0. */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd)) return "$?";
  if (usd === 0) return "$0";
  const abs = Math.abs(usd);
  if (abs >= 1) return `$${usd.toFixed(2)}`;
  if (abs >= 0.01) return `$${usd.toFixed(4).replace(/0{1,2}$/, "")}`;
  // Two significant digits, never exponent notation; capped so dust stays short.
  const decimals = Math.min(10, 1 - Math.floor(Math.log10(abs)));
  const text = trimZeros(usd.toFixed(decimals));
  return Number(text) === 0 ? "<$0.0000000001" : `$${text}`;
}

/** "812→95 tok (cache read 512, reasoning 20)"; undefined when the usage says nothing. */
export function formatUsage(usage: Readonly<UsageCounts> | undefined): string | undefined {
  if (usage === undefined) return undefined;
  const { input, output, total } = usage;
  let main: string;
  if (input !== undefined && output !== undefined) main = `${formatCount(input)}→${formatCount(output)} tok`;
  else if (input !== undefined) main = `${formatCount(input)} tok in`;
  else if (output !== undefined) main = `${formatCount(output)} tok out`;
  else if (total !== undefined) main = `${formatCount(total)} tok`;
  else return undefined;
  const details: string[] = [];
  if (usage.cacheRead) details.push(`cache read ${formatCount(usage.cacheRead)}`);
  if (usage.cacheWrite) details.push(`cache write ${formatCount(usage.cacheWrite)}`);
  if (usage.reasoning) details.push(`reasoning ${formatCount(usage.reasoning)}`);
  return details.length > 0 ? `${main} (${details.join(", ")})` : main;
}

export function formatScoreValue(value: ScoreValue): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : trimZeros(value.toFixed(4));
  return String(value);
}

/** First 8 hex digits: enough to tell traces apart on one screen. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

function trimZeros(fixed: string): string {
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
