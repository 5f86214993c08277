// The hub's fan-out: sampling, redaction, isolation between adapters, flush deadlines.
import { describe, expect, it, vi } from "vitest";
import {
  InMemoryAdapter,
  MASK_FAILED,
  isTraceSampled,
  newTraceId,
  type ExportBatch,
  type ExportResult,
  type ObservabilityAdapter,
} from "../src/index.js";
import { memoryHub } from "./helpers.js";

class HangingAdapter implements ObservabilityAdapter {
  readonly name = "hanging";
  calls = 0;
  export(_batch: ExportBatch): Promise<ExportResult> {
    this.calls++;
    return new Promise(() => undefined);
  }
}

describe("sampling", () => {
  it("keeps or drops whole traces, deterministically by trace id", async () => {
    const { hub, memory } = await memoryHub({ sampleRate: 0.5 });
    for (let i = 0; i < 200; i++) {
      await hub.trace(`t${i}`, async () => {
        await hub.span("child", async () => undefined);
      });
    }
    await hub.flush();
    const byTrace = new Map<string, number>();
    for (const span of memory.spans) byTrace.set(span.traceId, (byTrace.get(span.traceId) ?? 0) + 1);
    for (const [traceId, count] of byTrace) {
      expect(count).toBe(2);
      expect(isTraceSampled(traceId, 0.5)).toBe(true);
    }
    expect(byTrace.size).toBeGreaterThan(60);
    expect(byTrace.size).toBeLessThan(140);
  });

  it("decides the same way for the same id at any rate, and monotonically in the rate", () => {
    for (let i = 0; i < 500; i++) {
      const id = newTraceId();
      expect(isTraceSampled(id, 0.3)).toBe(isTraceSampled(id, 0.3));
      if (isTraceSampled(id, 0.3)) expect(isTraceSampled(id, 0.6)).toBe(true);
    }
    expect(isTraceSampled(newTraceId(), 0)).toBe(false);
    expect(isTraceSampled(newTraceId(), 1)).toBe(true);
  });
});

describe("redaction", () => {
  it("hides inputs and outputs when asked", async () => {
    const { hub, memory } = await memoryHub({ hideInputs: true, hideOutputs: true });
    await hub.span("secret", { input: { ssn: "123" } }, () => ({ answer: "private" }));
    await hub.flush();
    const span = memory.find("secret")!;
    expect(span.input).toBeUndefined();
    expect(span.output).toBeUndefined();
  });

  it("applies the mask to input, output and metadata, and fails closed when it throws", async () => {
    const { hub, memory } = await memoryHub({
      mask: (value, field) => {
        if (field === "output") throw new Error("mask bug");
        return JSON.parse(JSON.stringify(value).replace(/\d{3}-\d{2}-\d{4}/g, "***"));
      },
    });
    await hub.span("masked", { input: "ssn 123-45-6789", metadata: { note: "id 987-65-4321" } }, (span) => {
      span.setOutput("leaks 111-22-3333");
    });
    await hub.flush();
    const span = memory.find("masked")!;
    expect(span.input).toBe("ssn ***");
    expect(span.output).toBe(MASK_FAILED);
    expect(span.context.metadata).toEqual({ note: "id ***" });
  });

  it("serialises hostile payloads safely before adapters see them", async () => {
    const { hub, memory } = await memoryHub({ maxFieldBytes: 2_000 });
    const cyclic: Record<string, unknown> = { big: 10n };
    cyclic.self = cyclic;
    await hub.span("hostile", { input: cyclic }, (span) => span.setOutput("x".repeat(10_000)));
    await hub.flush();
    const span = memory.find("hostile")!;
    expect(() => JSON.stringify(span.input)).not.toThrow();
    expect(Buffer.byteLength(JSON.stringify(span.output))).toBeLessThanOrEqual(2_000);
  });
});

describe("isolation and flush", () => {
  it("a hanging adapter delays neither another adapter nor the application", async () => {
    const hanging = new HangingAdapter();
    const { hub, memory } = await memoryHub({ adapters: [hanging] });
    const started = performance.now();
    for (let i = 0; i < 50; i++) hub.span(`s${i}`, () => undefined);
    const appTime = performance.now() - started;
    await memory.waitForSpans(50);
    expect(memory.spans).toHaveLength(50);
    await vi.waitFor(() => expect(hanging.calls).toBeGreaterThan(0));
    // The application's own calls returned before any export could have settled.
    expect(appTime).toBeLessThan(1_000);
    const flushed = await hub.flush(100);
    expect(flushed).toBe(false);
    const stats = hub.stats().adapters;
    expect(stats.find((s) => s.adapter === "memory")!.exported).toBe(50);
    expect(stats.find((s) => s.adapter === "hanging")!.exported).toBe(0);
  });

  it("flush respects its deadline against a hanging backend", async () => {
    const { hub } = await memoryHub({ adapters: [new HangingAdapter()] });
    hub.span("x", () => undefined);
    const started = Date.now();
    await expect(hub.flush(150)).resolves.toBe(false);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(2_000);
  });

  it("spans ended after shutdown are counted, not silently lost", async () => {
    const { hub, memory } = await memoryHub();
    hub.span("before", () => undefined);
    await hub.shutdown();
    hub.span("after", () => undefined);
    expect(memory.spans.map((s) => s.name)).toEqual(["before"]);
    expect(hub.stats().droppedBeforeDelivery).toBe(1);
  });

  it("fans out scores to every adapter", async () => {
    const second = new InMemoryAdapter({ name: "second" });
    const { hub, memory } = await memoryHub({ adapters: [second] });
    await hub.trace("judged", () => {
      hub.scoreCurrentTrace({ name: "relevance", value: 0.8, comment: "good" });
      hub.scoreCurrentSpan({ name: "correct", value: true, source: "user" });
    });
    expect(hub.score({ traceId: "nope", name: "x", value: 1 })).toBeUndefined();
    await hub.flush();
    for (const adapter of [memory, second]) {
      expect(adapter.scores.map((s) => [s.name, s.dataType, s.value])).toEqual([
        ["relevance", "numeric", 0.8],
        ["correct", "boolean", true],
      ]);
    }
    expect(memory.scores[0]!.spanId).toBeUndefined();
    expect(memory.scores[1]!.spanId).toBe(memory.find("judged")!.spanId);
  });
});
