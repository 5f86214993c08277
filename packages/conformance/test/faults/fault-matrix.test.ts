// The fault matrix, one fault per scenario: all four adapters on one hub,
// three of them against fake backends that misbehave, the console as the
// control. After recovery every backend must hold every produced span and
// score exactly once, and the hub must have dropped and failed nothing.
import { afterEach, describe, expect, it } from "vitest";
import { describeFault } from "@tracehub/test-support";
import { expectDeliveredExactlyOnce } from "./harness/check.js";
import { ADAPTERS, NETWORK_BACKENDS, REQUEST_TIMEOUT_MS, startRig, type Rig } from "./harness/matrix-hub.js";
import { produceTraces } from "./harness/produce.js";
import { settle } from "./harness/settle.js";
import { printSummary, summaryRow } from "./harness/summary.js";
import { SCENARIOS } from "./scenarios.js";

/** 4 spans each: 10 000 spans per scenario. */
const TRACES = 2_500;
const SETTLE_DEADLINE_MS = 40_000;

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("fault matrix: one fault at a time on every backend", () => {
  for (const [index, scenario] of SCENARIOS.entries()) {
    it(`${scenario.name}: zero lost, zero duplicated after recovery`, async () => {
      const started = Date.now();
      const current = await startRig({ faults: scenario.faults, seed: index + 1, requestTimeoutMs: REQUEST_TIMEOUT_MS });
      rig = current;
      const recovery =
        scenario.recoverAfterMs === undefined
          ? Promise.resolve()
          : new Promise<void>((resolve) => setTimeout(resolve, scenario.recoverAfterMs)).then(async () => {
              for (const backend of NETWORK_BACKENDS) await current.servers[backend].setFault({ kind: "healthy" });
            });
      const produced = await produceTraces(current.hub, { traces: TRACES, scoreEvery: 25 });
      const expected = { spanIds: new Set(produced.spanIds), scoreIds: new Set(produced.scoreIds) };
      await recovery;
      const doneAt = await settle(current.hub, current.receivers, expected, SETTLE_DEADLINE_MS, { scoresFor: (name) => name !== "otlp" });
      await current.hub.flush(10_000); // the servers may have answered before the hub has read every answer
      const stats = current.hub.stats().adapters;
      const statsOf = (name: string) => stats.find((s) => s.adapter === name);

      printSummary(
        `${scenario.name} (${((Date.now() - started) / 1000).toFixed(1)} s in all; time column: from recovery to all delivered)`,
        ADAPTERS.map((name) =>
          summaryRow(
            name,
            name === "console" ? "none" : describeFault(scenario.faults[name]),
            expected.spanIds,
            current.receivers[name],
            statsOf(name),
            doneAt[name],
          ),
        ),
        NETWORK_BACKENDS.map((b) => `${b} server: ${JSON.stringify(current.servers[b].counts)}`),
      );

      for (const name of ADAPTERS) {
        expectDeliveredExactlyOnce(name, current.receivers[name], expected, statsOf(name), { scores: name !== "otlp" });
      }
      // The fault really struck: every network backend turned requests or connections away.
      for (const backend of NETWORK_BACKENDS) {
        const { failedStatus, resets, hung, abandoned, refused } = current.servers[backend].counts;
        expect(failedStatus + resets + hung + abandoned + refused, `${backend} saw the fault`).toBeGreaterThan(0);
      }
    });
  }
});
