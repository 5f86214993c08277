// The matrix at volume: 100 000 spans (25 000 traces of 4) and 500 scores
// through all four adapters at once, while every network backend goes through
// a different fault every two seconds — 5xx, a 429 storm, an outage, latency
// spikes, connection resets, hanging — then recovers. After recovery every
// backend holds every id exactly once and the hub dropped nothing.
import { afterAll, expect, it } from "vitest";
import { RETRYABLE_5XX, describeFault, type FakeBackend, type Fault } from "@tracehub/test-support";
import { expectDeliveredExactlyOnce } from "./harness/check.js";
import { ADAPTERS, NETWORK_BACKENDS, REQUEST_TIMEOUT_MS, startRig, type Rig } from "./harness/matrix-hub.js";
import { produceTraces, quantile } from "./harness/produce.js";
import { settle } from "./harness/settle.js";
import { printSummary, summaryRow } from "./harness/summary.js";

const TRACES = 25_000;
const PHASE_MS = 2_000;

const errors: Fault = { kind: "errors", rate: 0.3, statuses: RETRYABLE_5XX };
const storm: Fault = { kind: "throttle", rate: 1, retryAfterSeconds: 1 };
const refuse: Fault = { kind: "outage", mode: "refuse" };
const unavailable: Fault = { kind: "outage", mode: "unavailable" };
const spikes: Fault = { kind: "latency", rate: 0.15, delayMs: REQUEST_TIMEOUT_MS + 1_000 };
const resets: Fault = { kind: "reset", rate: 0.3 };
const hang: Fault = { kind: "hang" };

/** Each backend meets every fault once, in a different order. */
const SCHEDULE: readonly Record<FakeBackend, Fault>[] = [
  { otlp: errors, langfuse: storm, langsmith: resets },
  { otlp: refuse, langfuse: spikes, langsmith: errors },
  { otlp: resets, langfuse: unavailable, langsmith: storm },
  { otlp: spikes, langfuse: resets, langsmith: refuse },
  { otlp: storm, langfuse: hang, langsmith: spikes },
  { otlp: hang, langfuse: errors, langsmith: hang },
];

let rig: Rig | undefined;
afterAll(() => rig?.close());

it("100 000 spans through six faults per backend: zero lost, zero duplicated", async () => {
  const started = Date.now();
  rig = await startRig({ seed: 100, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  const current = rig;
  const schedule = (async () => {
    for (const phase of SCHEDULE) {
      await Promise.all(NETWORK_BACKENDS.map((b) => current.servers[b].setFault(phase[b])));
      await new Promise((resolve) => setTimeout(resolve, PHASE_MS));
    }
    await Promise.all(NETWORK_BACKENDS.map((b) => current.servers[b].setFault({ kind: "healthy" })));
  })();

  const produced = await produceTraces(current.hub, { traces: TRACES, scoreEvery: 50 });
  const expected = { spanIds: new Set(produced.spanIds), scoreIds: new Set(produced.scoreIds) };
  await schedule;
  const recoveredAt = Date.now();
  const doneAt = await settle(current.hub, current.receivers, expected, 90_000, { scoresFor: (name) => name !== "otlp" });
  await current.hub.flush(10_000); // the servers may have answered before the hub has read every answer
  const stats = current.hub.stats().adapters;
  const statsOf = (name: string) => stats.find((s) => s.adapter === name);

  printSummary(
    `${produced.spanIds.length} spans, ${produced.scoreIds.length} scores, six faults × ${PHASE_MS / 1000} s per backend ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s in all; time column: after recovery)`,
    ADAPTERS.map((name) =>
      summaryRow(name, name === "console" ? "none" : "all six, rotating", expected.spanIds, current.receivers[name], statsOf(name), doneAt[name]),
    ),
    [
      `produced in ${(produced.wallMs / 1000).toFixed(1)} s; tracer call p50 ${quantile(produced.latenciesUs, 0.5).toFixed(2)} µs, ` +
        `p99 ${quantile(produced.latenciesUs, 0.99).toFixed(2)} µs; recovered ${((recoveredAt - started) / 1000).toFixed(1)} s after start`,
      ...SCHEDULE.map((phase, i) => `phase ${i + 1}: ${NETWORK_BACKENDS.map((b) => `${b} ${describeFault(phase[b])}`).join(", ")}`),
      ...NETWORK_BACKENDS.map((b) => `${b} server: ${JSON.stringify(current.servers[b].counts)}`),
    ],
  );

  expect(produced.spanIds.length).toBeGreaterThanOrEqual(100_000);
  for (const name of ADAPTERS) {
    expectDeliveredExactlyOnce(name, current.receivers[name], expected, statsOf(name), { scores: name !== "otlp" });
  }
}, 180_000); // the settle deadline is 90 s; typically done in 25-40 s
