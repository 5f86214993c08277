// Property: whatever values an application passes to the tracer — names,
// options (null, a function, objects that throw when read) to trace(), span(),
// startSpan() and startTrace(), attributes, inputs, outputs, usage, cost,
// metadata, tags, events, links, errors, prompts, rate limits, times of any
// type and range — no exception reaches it, the callback always runs, and
// every payload each adapter sends is valid for its protocol, with every span
// delivered exactly once to every backend.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FUZZ_SEED, runsFor } from "./support/fuzz-settings.js";
import { startFuzzHarness, type FuzzHarness } from "./support/fuzz-hub.js";
import { hostileText, hostileTime, prototypeSnapshot, materialize } from "./support/hostile-values.js";
import { applyCalls, attempt, spanCallArb, spanOptionsArb } from "./support/span-calls.js";

let harness: FuzzHarness;
beforeAll(async () => {
  harness = await startFuzzHarness();
});
afterAll(async () => {
  await harness.close();
});

const callsArb = fc.array(spanCallArb, { maxLength: 10 });

describe("hostile values through the public span API", () => {
  it("never throw into the caller, and every adapter's payload stays valid", async () => {
    const prototypes = prototypeSnapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          rootName: hostileText,
          rootOptions: spanOptionsArb,
          rootCalls: callsArb,
          childName: hostileText,
          childOptions: spanOptionsArb,
          childCalls: callsArb,
          manualName: hostileText,
          manualOptions: spanOptionsArb,
          manualIsRoot: fc.boolean(),
          manualCalls: callsArb,
          manualEnd: hostileTime,
        }),
        async (generated) => {
          const run = materialize(generated);
          const { hub } = harness;
          const escaped: string[] = [];
          let childRan = false;
          const result = attempt(escaped, "trace", () =>
            hub.trace(run.rootName as string, run.rootOptions as never, (root) => {
              applyCalls(root, run.rootCalls, escaped, "root");
              attempt(escaped, "span", () =>
                hub.span(run.childName as string, run.childOptions as never, (child) => {
                  childRan = true;
                  applyCalls(child, run.childCalls, escaped, "child");
                }),
              );
              const manual = run.manualIsRoot
                ? attempt(escaped, "startTrace", () => hub.startTrace(run.manualName as string, run.manualOptions as never))
                : attempt(escaped, "startSpan", () => hub.startSpan(run.manualName as string, run.manualOptions as never));
              if (manual !== undefined) {
                applyCalls(manual, run.manualCalls, escaped, "manual");
                attempt(escaped, "manual.end", () => manual.end(run.manualEnd as number));
              }
              return "done";
            }),
          );
          const collected = await harness.collect();
          expect(escaped).toEqual([]);
          expect(result).toBe("done");
          expect(childRan).toBe(true);
          expect(collected.problems).toEqual([]);
          expect(prototypeSnapshot()).toBe(prototypes);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { seed: FUZZ_SEED, numRuns: runsFor(150) },
    );
  });
});
