// Child process of retained-heap.mjs: one contender produces SPANS spans whose
// backend never answers (the receiver's `hold-…` channels), so every span stays
// buffered: queued, or inside the export request that hangs. Reports the
// heapUsed (and external) growth after full GCs, and how many spans are held.
// Warm-up runs first on a separate instance against an answering channel.
import { createOtelSdk } from "../contenders/otel-sdk.mjs";
import { createTracehub } from "../contenders/tracehub.mjs";
import { sleep, yieldToLoop } from "../measure.mjs";
import { childInput } from "./fork.mjs";

const { contender, port, channel, spans } = childInput();
const url = (name) => `http://127.0.0.1:${port}/${name}`;
// Both sides get room for every span: the default bounds (10 000 items, 2048 spans) would drop most of them.
const room = spans + 10_000;

function build(target) {
  return contender === "tracehub"
    ? createTracehub(url, { adapters: ["otlp"], channelPrefix: `${target}-`, hub: { maxQueueItems: room } })
    : createOtelSdk(`${url(target)}/v1/traces`, { bsp: { maxQueueSize: room } });
}

async function produceAll(subject, count) {
  for (let at = 0; at < count; at += 500) {
    await subject.produce(Math.min(500, count - at), at);
    await yieldToLoop();
  }
}

async function settledHeap() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(20);
  }
  const { heapUsed, external } = process.memoryUsage();
  return { heapUsed, external };
}

const warm = await build(`${channel}-warm`);
await produceAll(warm, 5_000);
await warm.flush(10_000);
await warm.shutdown();

const subject = await build(`hold-${channel}`);
const before = await settledHeap();
await produceAll(subject, spans);
await sleep(300); // batches cut and sent (and hanging), queues sized
const after = await settledHeap();

let held;
let dropped;
if (contender === "tracehub") {
  const [stats] = subject.hub.stats().adapters;
  held = stats.queued + stats.inFlight;
  dropped = stats.dropped;
} else {
  const queued = subject.queued();
  held = queued === undefined ? undefined : queued + 512; // plus the one batch inside the hanging export
  dropped = held === undefined ? undefined : spans - held;
}
process.send({
  result: {
    contender,
    heapPerSpan: (after.heapUsed - before.heapUsed) / spans,
    externalPerSpan: (after.external - before.external) / spans,
    held,
    dropped,
  },
});
// The hanging requests would keep the process alive: leave now.
process.exit(0);
