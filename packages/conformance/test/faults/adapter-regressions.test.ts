// Deterministic regressions for adapter bugs the fault matrix found (all fixed).
import { afterEach, expect, it } from "vitest";
import { startRig, type Rig } from "./harness/matrix-hub.js";
import { produceTraces } from "./harness/produce.js";
import { settle } from "./harness/settle.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it(
  "langfuse: a score request asking for a retry does not resend the spans already accepted",
  async () => {
    rig = await startRig();
    // Spans go through; every score-create request is answered 503 until the fault is lifted.
    await rig.servers.langfuse.setFault({ kind: "errors", rate: 1, statuses: [503] }, { paths: ["/api/public/ingestion"] });
    const produced = await produceTraces(rig.hub, { traces: 10, scoreEvery: 1 });
    const expected = { spanIds: new Set(produced.spanIds), scoreIds: new Set(produced.scoreIds) };
    await rig.hub.flush(300);
    await rig.servers.langfuse.setFault({ kind: "healthy" });
    await settle(rig.hub, { langfuse: rig.servers.langfuse }, expected, 10_000);

    expect(rig.servers.langfuse.counts.failedStatus).toBeGreaterThan(0);
    expect(rig.servers.langfuse.spans.countAccepted(expected.spanIds)).toBe(40);
    expect(rig.servers.langfuse.scores.countAccepted(expected.scoreIds)).toBe(10);
    expect(rig.servers.langfuse.spans.duplicates).toBe(0);
  },
);
