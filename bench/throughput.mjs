// 4. Sustained throughput: the highest rate (spans per second) at which every
// span reaches every backend with zero drops, over a fixed window. tracehub
// with all four adapters on the loopback receiver, against the OpenTelemetry
// SDK with its default BatchSpanProcessor settings (queue 2048, batch 512, 5 s)
// + OTLPTraceExporter; tracehub with @tracehub/otlp alone is measured too, for
// a like-for-like (one backend) supporting ratio.
//
// Each contender lives in its own child process (child/throughput-host.mjs).
// Rates double from RATES[0]; both contenders run each rate in turn (order
// alternating). A window passes when the producer kept its pace, nothing was
// dropped and every span was received within GRACE_MS after the window (a
// flush bounded by that deadline). A failed rate is tried once more before it
// counts as failed (the machine is shared); after that one rate between the
// last pass and the failure (×√2) is tried once.
import { startHost } from "./child/fork.mjs";
import { startReceiver } from "./loopback/start-receiver.mjs";

const RATES = [10_000, 20_000, 40_000, 80_000, 160_000];
const WINDOW_S = 3;
const GRACE_MS = 1_000;
const HOST = new URL("./child/throughput-host.mjs", import.meta.url);

const NAMES = { tracehub4: "tracehub (4 adapters)", tracehub1: "tracehub (@tracehub/otlp only)", otel: "OpenTelemetry SDK (BSP defaults) + OTLPTraceExporter" };

async function tryRate(host, contender, rate, attempt, log) {
  const result = await host.request({ rate, seconds: WINDOW_S, graceMs: GRACE_MS, window: `tp-${contender}-${rate}-${attempt}` });
  log.push({ contender, attempt, ...result });
  return result.pass === true;
}

export async function throughputBenchmark(receiver, contenders = ["tracehub4", "otel", "tracehub1"]) {
  const hosts = {};
  for (const c of contenders) {
    hosts[c] = await startHost(HOST, { contender: c, port: receiver.port });
    // One unrecorded window first, so the ladder starts warm (JIT, connections).
    await hosts[c].request({ rate: RATES[0] / 2, seconds: 1, graceMs: GRACE_MS, window: `tp-${c}-warmup` });
  }
  const state = Object.fromEntries(contenders.map((c) => [c, { best: 0, failedAt: undefined }]));
  const log = [];
  const passes = async (c, rate) => (await tryRate(hosts[c], c, rate, 1, log)) || (await tryRate(hosts[c], c, rate, 2, log));

  for (const [step, rate] of RATES.entries()) {
    const active = contenders.filter((c) => state[c].failedAt === undefined);
    if (active.length === 0) break;
    const order = step % 2 === 0 ? active : [...active].reverse();
    for (const c of order) {
      if (await passes(c, rate)) state[c].best = rate;
      else state[c].failedAt = rate;
    }
  }
  for (const c of contenders) {
    const { best, failedAt } = state[c];
    if (failedAt === undefined) continue;
    const between = Math.round((best > 0 ? Math.sqrt(best * failedAt) : failedAt / Math.SQRT2) / 100) * 100;
    if (await tryRate(hosts[c], c, between, 1, log)) state[c].best = Math.max(best, between);
  }
  for (const c of contenders) await hosts[c].stop();

  const figure = (c) => ({ name: NAMES[c], value: state[c].best, lowerBound: state[c].failedAt === undefined });
  const row = (c, note) => ({
    id: "4",
    name: `sustained zero-drop throughput, ${c === "tracehub4" ? "4 adapters" : "OTLP only"} (${WINDOW_S} s windows, delivered within ${GRACE_MS} ms)`,
    unit: "spans/s",
    better: "higher",
    ours: figure(c),
    peer: figure("otel"),
    ratio: state.otel.best > 0 ? state[c].best / state.otel.best : Infinity,
    // A target only where the comparison is like for like (one backend each); four
    // backends against one is reported as it is.
    target: c === "tracehub1" ? 1 : undefined,
    note,
  });
  const rows = [row("tracehub4", "tracehub delivers every span to four backends (console, OTLP, Langfuse, LangSmith); OpenTelemetry to one")];
  if (contenders.includes("tracehub1")) rows.push(row("tracehub1", "supporting, like for like: tracehub with @tracehub/otlp alone, one backend each"));
  const tried = contenders.map((c) => `${NAMES[c]}: ${log.filter((l) => l.contender === c).map((l) => `${l.rate}${l.pass ? "✓" : "✗"}`).join(" ")}`);
  return {
    rows,
    notes: [`rates tried (✓ zero drops and all delivered in time, ✗ not; a ✗ on the ladder is retried once): ${tried.join("; ")}${contenders.filter((c) => state[c].failedAt === undefined).map((c) => ` (${NAMES[c]} passed every rate: its figure is a lower bound)`).join("")}`],
    log,
  };
}

// Run alone: node bench/throughput.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const receiver = await startReceiver();
  const result = await throughputBenchmark(receiver);
  for (const row of result.rows) console.log(`${row.ours.name}: ${row.ours.value}/s vs ${row.peer.value}/s, ratio ${row.ratio.toFixed(3)}`);
  for (const n of result.notes) console.log(n);
  for (const l of result.log) console.log(JSON.stringify(l));
  await receiver.stop();
}
