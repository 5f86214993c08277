// The one results table: every row is a ratio tracehub ÷ peer measured in the
// same run; the bare figures beside it are supporting columns only. Rendered
// as aligned text for the terminal and as markdown for results/latest.md.

const HEADERS = ["#", "benchmark", "peer", "tracehub ÷ peer", "better", "target", "verdict", "tracehub", "peer figure"];

/** A row as benchmarks return it → the cells of the table. */
export function tableCells(row) {
  const better = row.better ?? "lower";
  const target = row.target === undefined ? "—" : `${better === "lower" ? "≤" : "≥"} ${row.target}`;
  let verdict = "supporting";
  if (row.target !== undefined) {
    const meets = better === "lower" ? row.ratio <= row.target : row.ratio >= row.target;
    verdict = meets ? "meets target" : "MISSES target";
  }
  return [
    row.id ?? "",
    row.name,
    row.peer.name,
    Number.isFinite(row.ratio) ? row.ratio.toFixed(3) : String(row.ratio),
    better,
    target,
    verdict,
    formatFigure(figureOf(row.ours), row.unit, row.ours.lowerBound),
    formatFigure(figureOf(row.peer), row.unit, row.peer.lowerBound),
  ];
}

const figureOf = (side) => side.value ?? side.nsPerOp;

/** A result row comparing `ours` with `peer` (compare() results): the ratio of their figures, and of their CPU when both have it. */
export function ratioRow(ours, peer, row) {
  const cpuRatio = ours.cpuNsPerOp !== undefined && peer.cpuNsPerOp !== undefined ? ours.cpuNsPerOp / peer.cpuNsPerOp : undefined;
  return { ...row, ours, peer, ratio: figureOf(ours) / figureOf(peer), cpuRatio };
}

function formatFigure(value, unit = "ns/op", lowerBound = false) {
  if (!Number.isFinite(value)) return String(value);
  const prefix = lowerBound ? "≥ " : "";
  switch (unit) {
    case "spans/s":
      return `${prefix}${Math.round(value).toLocaleString("en-US")} spans/s`;
    case "heap bytes/span":
      return `${prefix}${Math.round(value).toLocaleString("en-US")} B/span`;
    case "CPU ns/span":
      return `${prefix}${(value / 1_000).toFixed(2)} µs CPU/span`;
    case "ns/span":
      return `${prefix}${(value / 1_000).toFixed(2)} µs/span`;
    default:
      return value >= 1e6 ? `${prefix}${(value / 1e6).toFixed(2)} ms/op` : `${prefix}${(value / 1_000).toFixed(2)} µs/op`;
  }
}

export function renderText(rows) {
  const cells = [HEADERS, ...rows.map(tableCells)];
  const widths = HEADERS.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join(" │ ");
  const rule = widths.map((w) => "─".repeat(w)).join("─┼─");
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}

export function renderMarkdown(rows) {
  const escape = (cell) => cell.replaceAll("|", "\\|");
  const line = (r) => `| ${r.map(escape).join(" | ")} |`;
  return [line(HEADERS), line(HEADERS.map(() => "---")), ...rows.map((row) => line(tableCells(row)))].join("\n");
}
