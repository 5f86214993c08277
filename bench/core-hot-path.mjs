// 0. Core hot path per span (issue #2's benchmark as written): start a span,
// set 10 attributes and token usage, end it, with core's InMemoryAdapter as
// the only adapter; against the OpenTelemetry SDK (BasicTracerProvider +
// BatchSpanProcessor + a no-op exporter) doing the same work.
//
// Timed: everything each library does per span on the application's thread,
// deferred work included. A round is N spans, then a flush that resolves once
// every span of the round has reached the exporter: for tracehub the hub's
// drain (finalisation, cost, fan-out to the queue), batching and the
// InMemoryAdapter's export; for OpenTelemetry the BatchSpanProcessor's export
// to the no-op exporter (forceFlush). Untimed: emptying the in-memory adapter.
import { createHub, InMemoryAdapter } from "@tracehub/core";
import { createOtelSdk } from "./contenders/otel-sdk.mjs";
import { produceTracehubSpans } from "./contenders/workload.mjs";
import { compare } from "./measure.mjs";
import { ratioRow } from "./table.mjs";

const ROUNDS = { rounds: 40, opsPerRound: 1_000, warmupRounds: 10 };

async function createCoreContender() {
  const memory = new InMemoryAdapter({ name: "memory" });
  const hub = await createHub({ env: {}, exporters: [], adapters: [memory], registerShutdownHooks: false, spool: false });
  let expected = 0;
  return {
    name: "tracehub core (InMemoryAdapter)",
    memory,
    async round(n) {
      produceTracehubSpans(hub, n);
      expected += n;
      await hub.flush();
      if (memory.spans.length !== expected) throw new Error(`in-memory adapter got ${memory.spans.length} of ${expected} spans`);
    },
    settle() {
      memory.clear();
      expected = 0;
    },
    shutdown: () => hub.shutdown(),
  };
}

function createOtelContender() {
  const otel = createOtelSdk(undefined);
  return {
    name: otel.name,
    async round(n) {
      otel.produce(n);
      if (!(await otel.flush())) throw new Error("the OpenTelemetry SDK did not flush in time");
    },
    shutdown: () => otel.shutdown(),
  };
}

export async function coreHotPathBenchmark() {
  const core = await createCoreContender();
  const otel = createOtelContender();
  const [ours, peer] = await compare([core, otel], ROUNDS);
  await core.shutdown();
  await otel.shutdown();
  return ratioRow(ours, peer, {
    id: "0",
    name: "core hot path: start + 10 attributes + usage + end, InMemoryAdapter, delivered",
    unit: "ns/span",
    better: "lower",
    target: 0.35,
    note:
      "issue #2's benchmark: BasicTracerProvider + BatchSpanProcessor + no-op exporter; each round of 1000 spans is timed until every span " +
      "reached the exporter (tracehub: hub drain, finalisation, queue, batching, InMemoryAdapter export; OpenTelemetry: forceFlush to the no-op exporter)",
  });
}

// Run alone: node --expose-gc bench/core-hot-path.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await coreHotPathBenchmark();
  console.log(
    `${r.ours.nsPerOp.toFixed(0)} vs ${r.peer.nsPerOp.toFixed(0)} ns/span, ratio ${r.ratio.toFixed(3)}; CPU ${r.ours.cpuNsPerOp.toFixed(0)} vs ${r.peer.cpuNsPerOp.toFixed(0)}, ratio ${r.cpuRatio.toFixed(3)}`,
  );
}
