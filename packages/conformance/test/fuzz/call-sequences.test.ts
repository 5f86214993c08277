// Property: any sequence of tracer calls — spans ended twice, parents ended
// before their children, children started after their parent ended, setters
// after end, spans across await and timers, a trace nested inside a span,
// Promise.all fan-outs, user errors, hostile withContext / withPromptTemplate
// / score() input — never throws into the caller, re-throws user errors
// unchanged, keeps every exported tree whole, and every adapter's payload valid.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpanHandle } from "@tracehub/core";
import { FUZZ_SEED, runsFor } from "./support/fuzz-settings.js";
import { startFuzzHarness, type FuzzHarness } from "./support/fuzz-hub.js";
import { prototypeSnapshot } from "./support/hostile-values.js";
import { opArb, runSequence, type SequenceReport } from "./support/sequence-ops.js";

let harness: FuzzHarness;
beforeAll(async () => {
  harness = await startFuzzHarness();
});
afterAll(async () => {
  await harness.close();
});

describe("call sequences through the public API", () => {
  it("never throw, keep trees whole, and every adapter's payload stays valid", async () => {
    const prototypes = prototypeSnapshot();
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40, size: "medium" }), async (ops) => {
        const { hub } = harness;
        const report: SequenceReport = { escaped: [], handles: [], nestedTraceIds: [] };
        let outerTraceId = "";
        const result = await hub.trace("sequence", async (root: SpanHandle) => {
          outerTraceId = root.traceId;
          report.handles.push(root);
          await runSequence(hub, root, ops, report);
          return "finished";
        });
        // Whatever the sequence left open is ended now, so every span must reach every backend.
        for (const span of report.handles) span.end();
        const collected = await harness.collect();

        expect(report.escaped).toEqual([]);
        expect(result).toBe("finished");
        expect(collected.problems).toEqual([]);
        for (const id of report.nestedTraceIds) expect(id).not.toBe(outerTraceId);
        // Tree integrity: every exported span's parent was exported too, in the same trace.
        const byId = new Map(collected.spans.map((s) => [s.spanId, s]));
        for (const span of collected.spans) {
          if (span.parentSpanId === undefined) continue;
          const parent = byId.get(span.parentSpanId);
          expect(parent, `parent of ${span.name}`).toBeDefined();
          expect(parent?.traceId).toBe(span.traceId);
          expect(span.endTime).toBeGreaterThanOrEqual(span.startTime);
        }
        expect(prototypeSnapshot()).toBe(prototypes);
      }),
      { seed: FUZZ_SEED, numRuns: runsFor(120) },
    );
  });
});
