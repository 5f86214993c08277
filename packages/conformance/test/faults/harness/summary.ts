// One compact table per scenario: what was produced and what each backend
// ended up with, so a CI log shows the figures behind every assertion.
import type { AdapterStats } from "@tracehub/core";
import type { Receiver } from "./console-sink.js";

export interface SummaryRow {
  adapter: string;
  fault: string;
  produced: number;
  delivered: number;
  duplicates: number;
  /** Resends after an acknowledgement the client dropped unread (not duplicates; see the fault server). */
  unconfirmed: number;
  /** Undefined when the figures span several phases (shown as "—"). */
  dropped: number | undefined;
  spooled: number | undefined;
  retried: number | undefined;
  ms: number | undefined;
}

export function summaryRow(
  adapter: string,
  fault: string,
  expectedIds: ReadonlySet<string>,
  receiver: Receiver,
  stats: AdapterStats | undefined,
  ms: number | undefined,
): SummaryRow {
  return {
    adapter,
    fault,
    produced: expectedIds.size,
    delivered: receiver.spans.countAccepted(expectedIds),
    duplicates: receiver.spans.duplicates + receiver.scores.duplicates,
    unconfirmed: receiver.spans.unconfirmedResends + receiver.scores.unconfirmedResends,
    dropped: stats?.dropped,
    spooled: stats?.spooled,
    retried: stats?.retried,
    ms,
  };
}

const count = (n: number | undefined): string => (n === undefined ? "—" : String(n));

export function printSummary(title: string, rows: readonly SummaryRow[], notes: readonly string[] = []): void {
  const header = ["adapter", "fault", "produced", "delivered", "dup", "unconf", "dropped", "spooled", "retried", "time"];
  const body = rows.map((r) => [
    r.adapter,
    r.fault,
    String(r.produced),
    String(r.delivered),
    String(r.duplicates),
    String(r.unconfirmed),
    count(r.dropped),
    count(r.spooled),
    count(r.retried),
    r.ms === undefined ? "—" : `${(r.ms / 1000).toFixed(1)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ");
  const text = [`\n[fault matrix] ${title}`, line(header), ...body.map(line), ...notes.map((n) => `  ${n}`)].join("\n");
  console.log(text);
}
