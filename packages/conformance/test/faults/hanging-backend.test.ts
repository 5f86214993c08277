// A backend that never answers must change neither the other adapters'
// delivery nor the application's own latency. Measured in one run, against
// itself: phases with every backend healthy before and after, and a phase with
// LangSmith hanging in between. Compared as ratios, with tolerances wide
// enough for a loaded 2-core CI machine.
import { afterAll, expect, it } from "vitest";
import { startRig, type AdapterName, type Rig } from "./harness/matrix-hub.js";
import { produceTraces, quantile, type Produced } from "./harness/produce.js";
import { settle, type Expected } from "./harness/settle.js";
import { printSummary, summaryRow } from "./harness/summary.js";

/** 4 spans each: 12 000 spans per phase. */
const TRACES = 3_000;
const OTHERS: readonly AdapterName[] = ["otlp", "langfuse", "console"];

let rig: Rig | undefined;
afterAll(() => rig?.close());

interface Phase {
  name: string;
  produced: Produced;
  expected: Expected;
  /** ms from the start of production until each of the other adapters had every span. */
  deliveredInMs: Record<string, number | undefined>;
}

async function phase(current: Rig, name: string): Promise<Phase> {
  const startedAt = Date.now();
  const produced = await produceTraces(current.hub, { traces: TRACES });
  const expected = { spanIds: new Set(produced.spanIds), scoreIds: new Set<string>() };
  const others = Object.fromEntries(OTHERS.map((a) => [a, current.receivers[a]]));
  const settled = await settle(current.hub, others, expected, 30_000);
  const productionMs = Date.now() - startedAt - Math.max(0, ...Object.values(settled).map((v) => v ?? 0));
  const deliveredInMs = Object.fromEntries(OTHERS.map((a) => [a, settled[a] === undefined ? undefined : (settled[a] as number) + productionMs]));
  return { name, produced, expected, deliveredInMs };
}

const concat = (...arrays: Float64Array[]): Float64Array => {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
};

it("a hanging LangSmith delays neither the other adapters nor the application", async () => {
  rig = await startRig();
  const current = rig;
  await produceTraces(current.hub, { traces: 500 }); // warm-up: JIT, connections, /info
  await settle(current.hub, current.receivers, { spanIds: new Set(), scoreIds: new Set() }, 1_000);
  await current.hub.flush(10_000);

  const before = await phase(current, "healthy (before)");
  await settle(current.hub, { langsmith: current.servers.langsmith }, before.expected, 30_000);

  await current.servers.langsmith.setFault({ kind: "hang" });
  const hanging = await phase(current, "langsmith hanging");
  const langsmithDuringHang = current.servers.langsmith.spans.countAccepted(hanging.expected.spanIds);
  await current.servers.langsmith.setFault({ kind: "healthy" });
  const recovered = await settle(current.hub, { langsmith: current.servers.langsmith }, hanging.expected, 30_000);

  const after = await phase(current, "healthy (after)");
  await settle(current.hub, { langsmith: current.servers.langsmith }, after.expected, 30_000);

  const healthyLatency = concat(before.produced.latenciesUs, after.produced.latenciesUs);
  const figures = (name: string, latencies: Float64Array) =>
    `${name}: tracer call p50 ${quantile(latencies, 0.5).toFixed(2)} µs, p99 ${quantile(latencies, 0.99).toFixed(2)} µs`;
  printSummary(
    "hanging LangSmith vs all healthy (same run)",
    [before, hanging, after].flatMap((p) =>
      OTHERS.map((a) =>
        summaryRow(a, p.name, p.expected.spanIds, current.receivers[a], undefined, p.deliveredInMs[a]),
      ),
    ),
    [
      figures("healthy (before+after)", healthyLatency),
      figures("langsmith hanging", hanging.produced.latenciesUs),
      `langsmith accepted ${langsmithDuringHang} of the hanging phase's ${hanging.expected.spanIds.size} spans while hanging; ` +
        `all of them ${recovered.langsmith === undefined ? "NOT " : ""}delivered ${((recovered.langsmith ?? 0) / 1000).toFixed(1)} s after recovery`,
    ],
  );

  // The hanging backend really hung, and caught up once it answered again.
  expect(langsmithDuringHang).toBeLessThan(hanging.expected.spanIds.size);
  expect(current.servers.langsmith.counts.hung).toBeGreaterThan(0);
  expect(recovered.langsmith).toBeDefined();
  // The other adapters delivered everything while it hung, about as fast as when all were healthy.
  for (const a of OTHERS) {
    const healthyMs = Math.max(before.deliveredInMs[a] ?? Infinity, after.deliveredInMs[a] ?? Infinity);
    expect(hanging.deliveredInMs[a], `${a} delivered during the hang`).toBeDefined();
    expect(hanging.deliveredInMs[a] as number, `${a} time to deliver`).toBeLessThanOrEqual(healthyMs * 2 + 1_000);
  }
  // The application's latency: within 1.5× at the median; the tail, noisier on a shared machine, within 5×.
  expect(quantile(hanging.produced.latenciesUs, 0.5)).toBeLessThanOrEqual(quantile(healthyLatency, 0.5) * 1.5 + 0.5);
  expect(quantile(hanging.produced.latenciesUs, 0.99)).toBeLessThanOrEqual(quantile(healthyLatency, 0.99) * 5 + 5);
  // And every backend got every span exactly once in the end.
  for (const a of [...OTHERS, "langsmith"] as const) expect(current.receivers[a].spans.duplicates, a).toBe(0);
});
