import { describe, expect, it } from "vitest";
import type { ReadonlySpan, SpanHandle } from "../src/index.js";
import { estimateSpanBytes } from "../src/delivery/estimate-bytes.js";
import { memoryHub } from "./helpers.js";

/** The same span as a plain record (no running size): sizing has to walk its attributes. */
const walked = (span: ReadonlySpan): number => estimateSpanBytes({ ...span, attributes: { ...span.attributes } });

async function endedSpan(record: (span: SpanHandle) => void): Promise<ReadonlySpan> {
  const { hub, memory } = await memoryHub();
  const span = hub.startSpan("sized", { kind: "llm" });
  record(span);
  span.end();
  await hub.flush();
  return memory.spans[0]!;
}

describe("span size estimate", () => {
  it("sizes attributes from what was set, exactly as the generic walk does (within its sample of 8 entries)", async () => {
    const span = await endedSpan((s) => {
      s.setAttribute("count", 3).setAttribute("label", "héllo").setAttribute("flag", true).setAttribute("tags", ["a", "bc"]);
      s.setAttributes({ "gen_ai.request.model": "gpt-4o-mini", ratio: 0.25, ids: [1, 2, 3] });
    });
    expect(Object.keys(span.attributes)).toHaveLength(7);
    expect(estimateSpanBytes(span)).toBe(walked(span));
    // And it is a real size: a longer value makes it grow by the difference.
    const longer = await endedSpan((s) => {
      s.setAttribute("count", 3).setAttribute("label", "héllo".repeat(11)).setAttribute("flag", true).setAttribute("tags", ["a", "bc"]);
      s.setAttributes({ "gen_ai.request.model": "gpt-4o-mini", ratio: 0.25, ids: [1, 2, 3] });
    });
    expect(estimateSpanBytes(longer) - estimateSpanBytes(span)).toBe("héllo".length * 10);
  });

  it("stays an upper bound when keys are rewritten or removed", async () => {
    const span = await endedSpan((s) => {
      s.setAttribute("step", 1).setAttribute("step", 2).setAttribute("status", "streaming").setAttribute("status", undefined);
    });
    expect(span.attributes).toEqual({ step: 2 });
    expect(estimateSpanBytes(span)).toBeGreaterThan(walked(span));
  });

  it("walks the attributes instead once a span has rewritten them many times", async () => {
    const span = await endedSpan((s) => {
      for (let chunk = 0; chunk < 500; chunk++) s.setAttribute("stream.chunks", chunk).setAttribute("stream.last", `chunk ${chunk}`);
    });
    expect(span.attributes).toEqual({ "stream.chunks": 499, "stream.last": "chunk 499" });
    expect(estimateSpanBytes(span)).toBe(walked(span));
  });
});
