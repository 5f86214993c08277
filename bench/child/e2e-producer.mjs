// Child process of end-to-end.mjs: one contender (tracehub with @tracehub/otlp,
// or the OpenTelemetry SDK with BatchSpanProcessor + OTLPTraceExporter, both
// with default settings) produces spans at a fixed rate to the loopback OTLP
// receiver and flushes; reports this process's CPU (process.cpuUsage: user +
// system, all threads) and what the receiver decoded. Contender "idle" runs
// only the pacing loop (no spans), so its cost can be shown beside the others.
import { createOtelSdk } from "../contenders/otel-sdk.mjs";
import { createTracehub } from "../contenders/tracehub.mjs";
import { fetchCounts } from "../loopback/start-receiver.mjs";
import { cpuMicros, produceAtRate } from "../measure.mjs";
import { childInput } from "./fork.mjs";

const { contender, port, channel, spans, warmup, rate } = childInput();
const url = (name) => `http://127.0.0.1:${port}/${name}`;

const IDLE = { produce() {}, flush: async () => true, shutdown: async () => {} };
const subject =
  contender === "idle"
    ? IDLE
    : contender === "tracehub"
    ? await createTracehub(url, { adapters: ["otlp"], channelPrefix: `${channel}-` })
    : createOtelSdk(`${url(channel)}/v1/traces`);
const counted = contender === "tracehub" ? `${channel}-th-otlp` : channel;
const received = async () => (contender === "idle" ? 0 : ((await fetchCounts(port))[counted]?.spans ?? 0));

// Warm-up (JIT, connections), delivered and flushed before the measurement.
await produceAtRate((n, at) => subject.produce(n, at), rate, warmup);
await subject.flush(30_000);
const before = await received();

const cpuStart = process.cpuUsage();
const wallStart = performance.now();
const paced = await produceAtRate((n, at) => subject.produce(n, warmup + at), rate, spans);
const flushed = await subject.flush(30_000);
const cpu = cpuMicros(cpuStart);
const wallMs = performance.now() - wallStart;

const delivered = (await received()) - before;
const selfDropped = contender === "tracehub" ? subject.dropped() : undefined;
await subject.shutdown();
process.send({ result: { contender, produced: paced.produced, delivered, dropped: spans - delivered, selfDropped, flushed, cpuMicros: cpu, wallMs } });
process.disconnect();
