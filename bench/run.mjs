// Runs every benchmark and prints one table of ratios against the peers, and
// writes the results to bench/results/latest.json (linked from the README).
import { writeFileSync, mkdirSync } from "node:fs";
import { hotPathBenchmark } from "./hot-path.mjs";
import { otlpEncodeBenchmarks } from "./otlp-encode.mjs";
import { sdkWrapperBenchmarks } from "./sdk-wrapper.mjs";

const results = [await hotPathBenchmark(), ...(await otlpEncodeBenchmarks()), ...(await sdkWrapperBenchmarks())];

const rows = results.map((r) => ({
  benchmark: r.name,
  "tracehub ns/op": r.ours.nsPerOp.toFixed(0),
  [`peer`]: r.peer.name,
  "peer ns/op": r.peer.nsPerOp.toFixed(0),
  ratio: r.ratio.toFixed(3),
  target: `≤ ${r.target}`,
  verdict: r.ratio <= r.target ? "meets target" : "MISSES target",
}));
console.table(rows);
for (const r of results) if (r.note) console.log(`${r.name}: ${r.note}`);

mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("./results/latest.json", import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: (await import("node:os")).cpus().length, results }, null, 2) + "\n",
);
