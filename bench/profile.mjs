// Not part of `pnpm bench`: workloads to profile tracehub with the named
// adapters (default all four) against the loopback receiver.
//
// Delivery (everything: spans produced in rounds of 1000, flushed after each),
// under node's own profiler:
//   node --cpu-prof --cpu-prof-interval 250 --cpu-prof-dir=/tmp/prof bench/profile.mjs otlp,langsmith 30000
//   node bench/cpuprofile-summary.mjs /tmp/prof/<file>.cpuprofile
// Hot path only (the caller's loop + one event-loop turn, as benchmark 1
// times it; flushes excluded), sampled with the inspector's CPU profiler and
// summarised here:
//   node bench/profile.mjs console,otlp,langfuse,langsmith 150000 --hot-path
import { Session } from "node:inspector/promises";
import { ALL_ADAPTERS, createTracehub } from "./contenders/tracehub.mjs";
import { startReceiver } from "./loopback/start-receiver.mjs";
import { yieldToLoop } from "./measure.mjs";

const [list, count = "30000", mode] = process.argv.slice(2);
const adapters = list ? list.split(",") : ALL_ADAPTERS;
const spans = Number(count);
const hotPathOnly = mode === "--hot-path";

const receiver = await startReceiver();
const subject = await createTracehub(receiver.url, { adapters });
const session = hotPathOnly ? new Session() : undefined;
if (session !== undefined) {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
}
const selfSamples = new Map();

const started = process.cpuUsage();
for (let at = 0; at < spans; at += 1_000) {
  await session?.post("Profiler.start");
  subject.produce(1_000, at);
  await yieldToLoop();
  if (session !== undefined) addSamples((await session.post("Profiler.stop")).profile);
  await subject.flush();
}
const cpu = process.cpuUsage(started);
console.log(`${subject.name}: ${spans} spans, ${(((cpu.user + cpu.system) / spans) * 1_000).toFixed(0)} CPU ns/span including delivery`);
console.log(JSON.stringify(subject.deliveredPerAdapter(await receiver.counts())));
if (hotPathOnly) {
  const total = [...selfSamples.values()].reduce((a, b) => a + b, 0);
  console.log(`hot path only, ${total} samples; self time by function:`);
  for (const [key, ticks] of [...selfSamples].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`${((ticks / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
}
await subject.shutdown();
await receiver.stop();

function addSamples(profile) {
  const ticks = new Map();
  for (const id of profile.samples) ticks.set(id, (ticks.get(id) ?? 0) + 1);
  for (const node of profile.nodes) {
    const n = ticks.get(node.id);
    if (n === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"}  ${url.replace(/^file:\/\/\/work\/main\//, "")}:${lineNumber + 1}`;
    selfSamples.set(key, (selfSamples.get(key) ?? 0) + n);
  }
}
