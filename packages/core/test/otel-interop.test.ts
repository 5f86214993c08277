// A tracehub span started while an OpenTelemetry span is active joins that trace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { memoryHub } from "./helpers.js";

describe("OpenTelemetry interop", () => {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  afterAll(() => {
    context.disable();
  });

  it("joins the active OpenTelemetry span's trace as its child", async () => {
    const { hub, memory } = await memoryHub();
    const tracer = new BasicTracerProvider().getTracer("test");
    let otelIds = { traceId: "", spanId: "" };
    await tracer.startActiveSpan("http-server", async (otelSpan) => {
      otelIds = otelSpan.spanContext();
      await hub.trace("handle-request", async () => {
        await hub.span("inner", async () => undefined);
      });
      otelSpan.end();
    });
    await hub.flush();
    const root = memory.find("handle-request")!;
    expect(root.traceId).toBe(otelIds.traceId);
    expect(root.parentSpanId).toBe(otelIds.spanId);
    expect(root.parentIsRemote).toBe(true);
    expect(memory.find("inner")!.parentSpanId).toBe(root.spanId);
  });

  it("an OpenTelemetry span opened inside a tracehub span becomes the parent of spans inside it", async () => {
    const { hub, memory } = await memoryHub();
    const tracer = new BasicTracerProvider().getTracer("test");
    let otelSpanId = "";
    await hub.trace("outer", async () => {
      await tracer.startActiveSpan("db-query", async (otelSpan) => {
        otelSpanId = otelSpan.spanContext().spanId;
        await hub.span("after-db", async () => undefined);
        otelSpan.end();
      });
      await hub.span("sibling", async () => undefined);
    });
    await hub.flush();
    expect(memory.find("after-db")!.parentSpanId).toBe(otelSpanId);
    expect(memory.find("sibling")!.parentSpanId).toBe(memory.find("outer")!.spanId);
  });

  it("has no active span when OpenTelemetry has none", async () => {
    const { hub, memory } = await memoryHub();
    expect(trace.getActiveSpan()).toBeUndefined();
    await hub.trace("alone", () => undefined);
    await hub.flush();
    expect(memory.find("alone")!.parentSpanId).toBeUndefined();
  });
});
