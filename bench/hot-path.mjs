// 1. Hot path per span: start a span, set 10 attributes and token usage, end
// it. tracehub runs with all four adapters attached (console JSON lines to a
// counting null stream; otlp, langfuse and langsmith to the loopback receiver)
// and draining. Peers, each sending to the same receiver: the OpenTelemetry
// SDK (BatchSpanProcessor, default settings, + OTLPTraceExporter protobuf),
// the `langfuse` SDK (trace + generation + end) and the `langsmith` RunTree
// (create, post, end, patch). The OpenTelemetry SDK with a no-op exporter is
// measured too, as a supporting figure.
//
// Timed: the caller's loop plus one turn of the event loop (tracehub's hub
// drain, which finalises spans and hands them to the adapter queues, runs
// there; so does whatever a peer does inline, such as BatchSpanProcessor
// encoding a full batch inside end() or Langfuse flushing at 512 events).
// Untimed: flushing each contender to the receiver after its round; the CPU of
// round + flush is recorded as "CPU per span including delivery".
//
// Two interleaved groups, each with its own tracehub figure: tracehub vs the
// OpenTelemetry SDK (fast rounds, many of them), then tracehub vs the two
// vendor SDKs (which cost 100–1000× more per span, so fewer rounds fit).
import { createLangfuseSdk } from "./contenders/langfuse-sdk.mjs";
import { createLangSmithSdk } from "./contenders/langsmith-sdk.mjs";
import { createOtelSdk } from "./contenders/otel-sdk.mjs";
import { createTracehub } from "./contenders/tracehub.mjs";
import { compare, yieldToLoop } from "./measure.mjs";
import { startReceiver } from "./loopback/start-receiver.mjs";
import { ratioRow } from "./table.mjs";

const OTEL_ROUNDS = { rounds: 30, opsPerRound: 1_000, warmupRounds: 8 };
const VENDOR_ROUNDS = { rounds: 9, opsPerRound: 500, warmupRounds: 3 };

function asRoundContender(contender) {
  return {
    name: contender.name,
    async round(n) {
      await contender.produce(n);
      await yieldToLoop();
    },
    settle: () => contender.flush(),
  };
}

export async function hotPathBenchmarks(receiver) {
  await receiver.reset();
  const tracehub = await createTracehub(receiver.url, { channelPrefix: "hot-" });
  const otel = createOtelSdk(`${receiver.url("hot-otel")}/v1/traces`);
  const otelNoop = createOtelSdk(undefined);
  const langfuse = createLangfuseSdk(receiver.url("hot-langfuse-sdk"));
  const langsmith = createLangSmithSdk(receiver.url("hot-langsmith-sdk"));
  const all = [tracehub, otel, langfuse, langsmith, otelNoop];

  const [oursVsOtel, otelResult, noopResult] = await compare([tracehub, otel, otelNoop].map(asRoundContender), OTEL_ROUNDS);
  const [oursVsVendors, langfuseResult, langsmithResult] = await compare([tracehub, langfuse, langsmith].map(asRoundContender), VENDOR_ROUNDS);

  for (const c of all) await c.flush();
  const counts = await receiver.counts();
  const spansIn = ({ rounds, warmupRounds, opsPerRound }) => (rounds + warmupRounds) * opsPerRound;
  const total = { tracehub: spansIn(OTEL_ROUNDS) + spansIn(VENDOR_ROUNDS), otel: spansIn(OTEL_ROUNDS), vendors: spansIn(VENDOR_ROUNDS) };
  const perAdapter = tracehub.deliveredPerAdapter(counts);
  const dropped = tracehub.dropped();
  for (const c of all) await c.shutdown();

  const delivered = {
    tracehub: perAdapter.map((a) => `${a.adapter} ${a.received}`).join(", "),
    otel: counts["hot-otel"]?.spans ?? 0,
    langfuseEvents: counts["hot-langfuse-sdk"]?.events ?? 0,
    langsmithRuns: counts["hot-langsmith-sdk"]?.posts ?? 0,
  };
  const deliveryNote =
    `received by the loopback receiver: tracehub ${delivered.tracehub} of ${total.tracehub} spans (dropped ${dropped}), ` +
    `OpenTelemetry ${delivered.otel} of ${total.otel}, langfuse ${delivered.langfuseEvents} events (3 per span) of ${total.vendors} spans, langsmith ${delivered.langsmithRuns} runs of ${total.vendors}`;

  const row = (ours, peer, target, what) =>
    ratioRow(ours, peer, {
      id: "1",
      name: "hot path: start + 10 attributes + usage + end, 4 adapters draining",
      unit: "ns/span",
      better: "lower",
      target,
      note: what,
    });
  return {
    rows: [
      row(
        oursVsOtel,
        otelResult,
        0.35,
        "BasicTracerProvider + BatchSpanProcessor (defaults) + OTLPTraceExporter (protobuf) to the loopback receiver, one backend against tracehub's four; " +
          "the processor encodes each full batch of 512 inside the end() call that fills it, so that encoding is in its timed part, while tracehub encodes on a timer outside it",
      ),
      {
        ...row(oursVsOtel, noopResult, undefined, "supporting: the same SDK with a no-op exporter, so no batch is ever encoded inside end()"),
        cpuRatio: undefined,
      },
      row(oursVsVendors, langfuseResult, 1, "langfuse 3.39.2: trace() + generation({ metadata }) + end({ usage }) per span, flushAt 512, to the receiver's /api/public/ingestion"),
      row(oursVsVendors, langsmithResult, 1, "langsmith 0.10.5: new RunTree + postRun + end({ usage_metadata }) + patchRun per span, auto-batching Client to the receiver's /runs/multipart"),
    ],
    notes: [deliveryNote],
    delivered,
    total,
  };
}

// Run alone: node --expose-gc bench/hot-path.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const receiver = await startReceiver();
  const result = await hotPathBenchmarks(receiver);
  for (const r of result.rows) {
    console.log(`${r.peer.name}: ${r.ours.nsPerOp.toFixed(0)} vs ${r.peer.nsPerOp.toFixed(0)} ns/span, ratio ${r.ratio.toFixed(3)}; CPU incl. delivery ${r.ours.cpuNsPerOp.toFixed(0)} vs ${r.peer.cpuNsPerOp.toFixed(0)}, ratio ${r.cpuRatio?.toFixed(3)}`);
  }
  for (const n of result.notes) console.log(n);
  await receiver.stop();
}
