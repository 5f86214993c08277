// Runs every benchmark and prints ONE table of ratios (tracehub ÷ a peer
// measured in the same run), then the notes that say what each peer does and
// what was delivered. Writes results/latest.json and results/latest.md
// (linked from the README). `pnpm bench` runs it after a build; it needs
// --expose-gc for the heap figures.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { coreHotPathBenchmark } from "./core-hot-path.mjs";
import { endToEndBenchmark } from "./end-to-end.mjs";
import { hotPathBenchmarks } from "./hot-path.mjs";
import { startReceiver } from "./loopback/start-receiver.mjs";
import { otlpEncodeBenchmarks } from "./otlp-encode.mjs";
import { retainedHeapBenchmark } from "./retained-heap.mjs";
import { sdkWrapperBenchmarks } from "./sdk-wrapper.mjs";
import { renderMarkdown, renderText } from "./table.mjs";
import { throughputBenchmark } from "./throughput.mjs";

const started = Date.now();
const loadAtStart = os.loadavg();
const progress = (what) => process.stderr.write(`bench: ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);

const receiver = await startReceiver();
const sections = [];
try {
  progress("0. core hot path");
  sections.push({ key: "coreHotPath", rows: [await coreHotPathBenchmark()], notes: [] });
  progress("1. hot path");
  const hot = await hotPathBenchmarks(receiver);
  progress("5–6. OTLP encoding, openai wrapper");
  const encode = await otlpEncodeBenchmarks();
  const wrapper = await sdkWrapperBenchmarks();
  progress("2. end to end");
  const e2e = await endToEndBenchmark(receiver);
  progress("3. retained heap");
  const heap = await retainedHeapBenchmark(receiver);
  progress("4. sustained throughput");
  const throughput = await throughputBenchmark(receiver);

  const cpuRows = hot.rows.filter((r) => r.cpuRatio !== undefined).map((r) => ({
    id: "1",
    name: "CPU per span including delivery (hot path round + flush), 4 adapters",
    unit: "CPU ns/span",
    better: "lower",
    ours: { name: r.ours.name, value: r.ours.cpuNsPerOp },
    peer: { name: r.peer.name, value: r.peer.cpuNsPerOp },
    ratio: r.cpuRatio,
  }));
  cpuRows[0].note = "supporting (all three rows): tracehub's figure covers four backends, each peer's one";
  sections.push(
    { key: "hotPath", rows: [...hot.rows, ...cpuRows], notes: hot.notes, details: { delivered: hot.delivered, spansPerContender: hot.total } },
    { key: "endToEnd", rows: e2e.rows, notes: e2e.notes, details: e2e.runs },
    { key: "retainedHeap", rows: heap.rows, notes: heap.notes, details: heap.runs },
    { key: "throughput", rows: throughput.rows, notes: throughput.notes, details: throughput.log },
    { key: "otlpEncode", rows: encode.map((r) => ({ id: "5", ...r })), notes: [] },
    { key: "openaiWrapper", rows: wrapper.map((r) => ({ id: "6", ...r })), notes: [] },
  );
} finally {
  await receiver.stop();
}

const rows = sections.flatMap((s) => s.rows);
const peerNotes = [...new Set(rows.filter((r) => r.note).map((r) => `${r.id}. ${r.ours.name} vs ${r.peer.name}: ${r.note}`))];
const notes = [...peerNotes, ...sections.flatMap((s) => s.notes)];
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  loadAverageAtStart: loadAtStart.map((l) => Number(l.toFixed(2))),
  loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
};
const meta = { date: new Date().toISOString(), node: process.version, machine, durationSeconds: Math.round((Date.now() - started) / 1000) };

console.log(renderText(rows));
console.log("");
for (const note of notes) console.log(`- ${note}`);
console.log(
  `\n${meta.date} · node ${meta.node} · ${machine.cpus} × ${machine.cpuModel} · load ${machine.loadAverageAtStart.join(" ")} → ${machine.loadAverageAtEnd.join(" ")} · ${meta.durationSeconds} s`,
);

const resultsDir = new URL("./results/", import.meta.url);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(new URL("latest.json", resultsDir), JSON.stringify({ ...meta, rows, notes, details: Object.fromEntries(sections.map((s) => [s.key, s.details])) }, null, 2) + "\n");
writeFileSync(
  new URL("latest.md", resultsDir),
  [
    "# tracehub benchmarks: last run",
    "",
    `${meta.date} · Node ${meta.node} · ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB · ${machine.platform}`,
    `· load average (1, 5, 15 min) ${machine.loadAverageAtStart.join(", ")} at start, ${machine.loadAverageAtEnd.join(", ")} at end · ${meta.durationSeconds} s.`,
    "",
    "Every figure is a ratio, tracehub ÷ a peer measured in the same run (interleaved, warmed up, medians);",
    "the bare figures are supporting columns. Produced by `pnpm bench` (bench/run.mjs); raw data in [latest.json](latest.json).",
    "",
    renderMarkdown(rows),
    "",
    "## Notes",
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ].join("\n"),
);
