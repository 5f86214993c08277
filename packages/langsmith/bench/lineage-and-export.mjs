// Micro-benchmark of the LangSmith adapter's two costs (not run by CI):
//  (a) onStart per span (span tracking), against a bare Map.set of the span;
//  (b) export CPU per span (map + encode + multipart body), against
//      JSON.stringify(toSpanRecord(span)).
// Also: heap retained by the adapter once every span was delivered.
// Run: cd packages/langsmith && npx tsup && node --expose-gc bench/lineage-and-export.mjs
import { toSpanRecord } from "@tracehub/core";
import { LangSmithAdapter, resolveLangSmithOptions } from "../dist/index.js";

const TRACES = 15_000;
const SPANS_PER_TRACE = 10; // a root and nine children
const BATCH = 100;
const T0 = 1_700_000_000_000;

const hex = (n, width) => n.toString(16).padStart(width, "0");

function makeSpans() {
  const traces = [];
  let id = 1;
  for (let t = 0; t < TRACES; t++) {
    const traceId = hex(0x9f3e1c2b + t * 7919, 16) + hex(t * 104729 + 17, 16);
    const rootId = hex(id++ * 2654435761, 16);
    const spans = [];
    for (let i = 0; i < SPANS_PER_TRACE; i++) {
      const spanId = i === 0 ? rootId : hex(id++ * 2654435761, 16);
      const llm = i % 3 === 1;
      spans.push({
        traceId, spanId, parentSpanId: i === 0 ? undefined : rootId, links: [],
        name: llm ? "chat gpt-4o" : `step-${i}`, kind: llm ? "llm" : i === 0 ? "chain" : "tool",
        startTime: T0 + t * 20 + i + 0.123, endTime: T0 + t * 20 + i + 5.456, status: "ok",
        attributes: { "app.step": i, "app.region": "eu-west-1" }, events: [],
        context: { userId: "user-42", sessionId: "session-7", tags: ["bench"], metadata: { tenant: "acme" } },
        input: llm ? [{ role: "user", content: "What is the capital of France? ".repeat(4) }] : { query: `q${i}` },
        output: llm ? { role: "assistant", content: "Paris." } : { result: i },
        ...(llm ? { model: "gpt-4o", provider: "openai", modelParameters: { temperature: 0.2, max_tokens: 256 }, usage: { input: 40, output: 3, total: 43 }, cost: { input: 0.0001, output: 0.00003, total: 0.00013 } } : {}),
      });
    }
    traces.push(spans);
  }
  return traces;
}

const okFetch = async (url) =>
  String(url).endsWith("/info") ? new Response("{}", { status: 200 }) : new Response("{}", { status: 202 });

function makeAdapter() {
  const resolved = resolveLangSmithOptions({ apiKey: "lsv2_pt_bench", endpoint: "http://bench.invalid", gzip: false, fetch: okFetch }, {});
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return new LangSmithAdapter(resolved.options);
}

const cpuMicros = () => { const u = process.cpuUsage(); return u.user + u.system; };
const gc = () => { globalThis.gc?.(); globalThis.gc?.(); };

async function run(traces) {
  const adapter = makeAdapter();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  // As in a hub: BATCH spans start (onStart, timed), then end and are exported
  // children first (export CPU, timed); the exported objects are copies, as
  // a finalised span would be, so nothing here keeps the adapter's memo alive.
  let onStartNs = 0;
  let exportUs = 0;
  const perBatch = BATCH / SPANS_PER_TRACE;
  for (let t = 0; t < traces.length; t += perBatch) {
    const group = traces.slice(t, t + perBatch);
    const started = group.flat();
    const t0 = process.hrtime.bigint();
    for (const span of started) adapter.onStart(span);
    onStartNs += Number(process.hrtime.bigint() - t0);
    const ended = group.flatMap((spans) => [...spans.slice(1), spans[0]]).map((span) => ({ ...span }));
    const cpu = cpuMicros();
    const result = await adapter.export({ spans: ended, scores: [] });
    exportUs += cpuMicros() - cpu;
    if (result.kind !== "ok") throw new Error(JSON.stringify(result));
  }
  gc();
  const retainedMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  // Peers, same pattern: a bare Map.set per start (and delete per export); JSON of each span's record.
  const peer = new Map();
  let mapSetNs = 0;
  let stringifyUs = 0;
  let sink = 0;
  for (let t = 0; t < traces.length; t += perBatch) {
    const started = traces.slice(t, t + perBatch).flat();
    const t0 = process.hrtime.bigint();
    for (const span of started) peer.set(span.spanId, span);
    mapSetNs += Number(process.hrtime.bigint() - t0);
    const cpu = cpuMicros();
    for (const span of started) sink += JSON.stringify(toSpanRecord(span)).length;
    stringifyUs += cpuMicros() - cpu;
    for (const span of started) peer.delete(span.spanId);
  }
  const n = traces.length * SPANS_PER_TRACE;
  return { onStartNs: onStartNs / n, mapSetNs: mapSetNs / n, exportUs: exportUs / n, stringifyUs: stringifyUs / n, retainedMb, sink, adapter };
}

const traces = makeSpans();
await run(traces); // warm-up
const rounds = [];
for (let i = 0; i < 3; i++) rounds.push(await run(traces));
const median = (key) => rounds.map((r) => r[key]).sort((a, b) => a - b)[1];
const n = TRACES * SPANS_PER_TRACE;
console.log(`${n} spans, ${SPANS_PER_TRACE} per trace, batches of ${BATCH}, median of 3`);
console.log(`(a) onStart ${median("onStartNs").toFixed(0)} ns/span vs Map.set ${median("mapSetNs").toFixed(0)} ns/span → ratio ${(median("onStartNs") / median("mapSetNs")).toFixed(2)}×`);
console.log(`(b) export ${median("exportUs").toFixed(2)} µs CPU/span vs JSON.stringify(toSpanRecord) ${median("stringifyUs").toFixed(2)} µs/span → ratio ${(median("exportUs") / median("stringifyUs")).toFixed(2)}×`);
console.log(`retained after every span was delivered (adapter alive): ${median("retainedMb").toFixed(1)} MB`);
