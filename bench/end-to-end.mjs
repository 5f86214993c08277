// 2. End to end: CPU seconds per span delivered to a loopback OTLP receiver.
// tracehub (+ @tracehub/otlp, protobuf) vs the OpenTelemetry SDK
// (BatchSpanProcessor + OTLPTraceExporter, protobuf), both with default
// settings. Each run is a fresh child process (child/e2e-producer.mjs) that
// warms up, then produces SPANS spans at RATE per second, flushes, and reports
// its own CPU (process.cpuUsage); the receiver is another child process, so
// its CPU is never counted. The receiver counts decoded spans; what was not
// delivered is reported as dropped. Runs alternate between contenders; medians.
import { runChild } from "./child/fork.mjs";
import { median } from "./measure.mjs";
import { startReceiver } from "./loopback/start-receiver.mjs";

const SPANS = 20_000;
const WARMUP = 5_000;
const RATE = 10_000;
const ROUNDS = 3;
const PRODUCER = new URL("./child/e2e-producer.mjs", import.meta.url);

export async function endToEndBenchmark(receiver) {
  const runs = { tracehub: [], otel: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ["tracehub", "otel"] : ["otel", "tracehub"];
    for (const contender of order) {
      const input = { contender, port: receiver.port, channel: `e2e-${contender}-${round}`, spans: SPANS, warmup: WARMUP, rate: RATE };
      runs[contender].push(await runChild(PRODUCER, input));
    }
  }
  const summary = (list, name) => ({
    name,
    // CPU per delivered span; a run that delivered nothing counts as infinitely expensive.
    value: median(list.map((r) => (r.delivered > 0 ? (r.cpuMicros * 1_000) / r.delivered : Infinity))),
    delivered: list.map((r) => r.delivered),
    dropped: list.map((r) => r.dropped),
  });
  // The pacing loop alone (no spans), in a child of its own: part of both contenders' figures.
  const idle = await runChild(PRODUCER, { contender: "idle", port: receiver.port, channel: "e2e-idle", spans: SPANS, warmup: WARMUP, rate: RATE });
  const pacing = (idle.cpuMicros * 1_000) / SPANS;
  const ours = summary(runs.tracehub, "tracehub + @tracehub/otlp");
  const peer = summary(runs.otel, "OpenTelemetry SDK + OTLPTraceExporter");
  return {
    rows: [
      {
        id: "2",
        name: `end to end: CPU per span delivered to a loopback OTLP receiver (${SPANS} spans at ${RATE}/s)`,
        unit: "CPU ns/span",
        better: "lower",
        ours,
        peer,
        ratio: ours.value / peer.value,
        target: 1,
        note: "protobuf both sides, default settings both sides (tracehub: batch 512, 1 s, queue 10 000; BatchSpanProcessor: batch 512, 5 s, queue 2048)",
      },
    ],
    notes: [
      `delivered per run (of ${SPANS}): tracehub ${ours.delivered.join(", ")} (dropped ${ours.dropped.join(", ")}); ` +
        `OpenTelemetry ${peer.delivered.join(", ")} (dropped ${peer.dropped.join(", ")}); CPU is the producing child process's (user + system, all threads) including the rate-pacing loop's own ${pacing.toFixed(0)} ns/span (measured alone; without it the ratio would be ${((ours.value - pacing) / (peer.value - pacing)).toFixed(3)}); the receiver runs in another child process`,
    ],
    runs,
  };
}

// Run alone: node bench/end-to-end.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const receiver = await startReceiver();
  const result = await endToEndBenchmark(receiver);
  const [row] = result.rows;
  console.log(`${row.ours.value.toFixed(0)} vs ${row.peer.value.toFixed(0)} CPU ns/span, ratio ${row.ratio.toFixed(3)}`);
  for (const n of result.notes) console.log(n);
  console.log(JSON.stringify(result.runs));
  await receiver.stop();
}
