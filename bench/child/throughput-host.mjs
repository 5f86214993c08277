// Child process of throughput.mjs, one per contender, kept for the whole ramp
// (so later windows run warm). Each { rate, seconds, graceMs, window } message
// builds a fresh instance, produces rate × seconds spans at that rate, allows
// graceMs for delivery (flush with that deadline), reads the receiver's counts
// and answers whether every span reached every backend with zero drops.
//   tracehub4    tracehub with all four adapters (console, otlp, langfuse, langsmith)
//   tracehub1    tracehub with @tracehub/otlp only
//   otel         OpenTelemetry SDK, BatchSpanProcessor defaults + OTLPTraceExporter
import { createOtelSdk } from "../contenders/otel-sdk.mjs";
import { ALL_ADAPTERS, createTracehub } from "../contenders/tracehub.mjs";
import { fetchCounts } from "../loopback/start-receiver.mjs";
import { produceAtRate } from "../measure.mjs";
import { childInput } from "./fork.mjs";

const { contender, port } = childInput();
const url = (name) => `http://127.0.0.1:${port}/${name}`;
/** A producer that needs more than this share of the window over its length could not keep up. */
const LATE_TOLERANCE = 1.05;

async function build(window) {
  if (contender === "otel") return createOtelSdk(`${url(window)}/v1/traces`);
  const adapters = contender === "tracehub4" ? ALL_ADAPTERS : ["otlp"];
  return createTracehub(url, { adapters, channelPrefix: `${window}-` });
}

/** Per backend: spans produced vs received; drops as the library counts them. */
function delivery(subject, window, counts, produced) {
  if (contender === "otel") {
    const received = counts[window]?.spans ?? 0;
    return { backends: [{ adapter: "otlp", received }], dropped: produced - received };
  }
  const backends = subject.deliveredPerAdapter(counts).map((a) => ({ adapter: a.adapter, received: a.received }));
  return { backends, dropped: subject.dropped() };
}

async function runWindow({ rate, seconds, graceMs, window }) {
  const subject = await build(window);
  const total = Math.round(rate * seconds);
  const paced = await produceAtRate((n, at) => subject.produce(n, at), rate, total);
  const flushed = await subject.flush(graceMs);
  const { backends, dropped } = delivery(subject, window, await fetchCounts(port), paced.produced);
  await Promise.race([subject.shutdown(2_000), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  const keptUp = paced.seconds <= seconds * LATE_TOLERANCE;
  const allDelivered = backends.every((b) => b.received === paced.produced);
  return {
    rate,
    produced: paced.produced,
    seconds: paced.seconds,
    flushed,
    backends,
    dropped,
    keptUp,
    pass: keptUp && flushed && allDelivered && dropped === 0,
  };
}

process.on("message", async (message) => {
  try {
    process.send(await runWindow(message));
  } catch (error) {
    process.send({ rate: message.rate, pass: false, error: String(error) });
  }
});
process.on("disconnect", () => process.exit(0));
