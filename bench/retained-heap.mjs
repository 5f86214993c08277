// 3. Retained heap per buffered span: spans ended but not exported because the
// backend does not answer (the loopback receiver holds the requests). tracehub
// (+ @tracehub/otlp) vs the OpenTelemetry SDK (BatchSpanProcessor +
// OTLPTraceExporter), both with room for every span. Each run is a fresh child
// process (child/heap-holder.mjs): heapUsed after full GCs, before and after
// SPANS spans, divided by SPANS. Runs alternate; medians.
import { runChild } from "./child/fork.mjs";
import { median } from "./measure.mjs";
import { startReceiver } from "./loopback/start-receiver.mjs";

const SPANS = 20_000;
const ROUNDS = 3;
const HOLDER = new URL("./child/heap-holder.mjs", import.meta.url);

export async function retainedHeapBenchmark(receiver) {
  const runs = { tracehub: [], otel: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ["tracehub", "otel"] : ["otel", "tracehub"];
    for (const contender of order) {
      runs[contender].push(await runChild(HOLDER, { contender, port: receiver.port, channel: `heap-${contender}-${round}`, spans: SPANS }));
    }
  }
  await receiver.release();
  const summary = (list, name) => ({
    name,
    value: median(list.map((r) => r.heapPerSpan)),
    externalPerSpan: median(list.map((r) => r.externalPerSpan)),
    held: list.map((r) => r.held),
    dropped: list.map((r) => r.dropped),
  });
  const ours = summary(runs.tracehub, "tracehub + @tracehub/otlp");
  const peer = summary(runs.otel, "OpenTelemetry SDK + OTLPTraceExporter");
  return {
    rows: [
      {
        id: "3",
        name: `retained heap per buffered span (${SPANS} spans held, backend not answering)`,
        unit: "heap bytes/span",
        better: "lower",
        ours,
        peer,
        ratio: ours.value / peer.value,
        target: 1,
        note: "queue bounds raised on both sides so that every span is held (tracehub maxQueueItems, BatchSpanProcessor maxQueueSize)",
      },
    ],
    notes: [
      `spans held per run: tracehub ${ours.held.join(", ")}, OpenTelemetry ${peer.held.join(", ")}; ` +
        `off-heap (external) bytes/span: tracehub ${ours.externalPerSpan.toFixed(0)}, OpenTelemetry ${peer.externalPerSpan.toFixed(0)} (encoded bodies of the hanging requests)`,
    ],
    runs,
  };
}

// Run alone: node bench/retained-heap.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const receiver = await startReceiver();
  const result = await retainedHeapBenchmark(receiver);
  const [row] = result.rows;
  console.log(`${row.ours.value.toFixed(0)} vs ${row.peer.value.toFixed(0)} bytes/span, ratio ${row.ratio.toFixed(3)}`);
  for (const n of result.notes) console.log(n);
  console.log(JSON.stringify(result.runs));
  await receiver.stop();
}
