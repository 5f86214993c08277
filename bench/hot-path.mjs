// Hot path per span: start a span, set 10 attributes and token usage, end it.
// tracehub with the in-memory adapter attached (its drain and delivery included,
// since they run per span) vs the OpenTelemetry JS SDK: BasicTracerProvider +
// BatchSpanProcessor + a no-op exporter, doing the same work in the same process.
import { createHub, InMemoryAdapter } from "@tracehub/core";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { compare, yieldToLoop } from "./measure.mjs";

const ATTRIBUTES = Array.from({ length: 10 }, (_, i) => `app.attribute_${i}`);

export async function hotPathBenchmark() {
  const memory = new InMemoryAdapter({ maxSpans: 2_000 });
  const hub = await createHub({ env: {}, adapters: [memory], registerShutdownHooks: false, flushIntervalMs: 50 });

  const noopExporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
  // Queue sized so OpenTelemetry keeps every span rather than dropping (dropping would be cheaper and unfair).
  const processor = new BatchSpanProcessor(noopExporter, { maxQueueSize: 100_000, maxExportBatchSize: 512, scheduledDelayMillis: 50 });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  const tracer = provider.getTracer("bench");

  const tracehub = {
    name: "tracehub",
    async round(n) {
      for (let i = 0; i < n; i++) {
        const span = hub.startSpan("llm-call", { kind: "llm" });
        for (let a = 0; a < 10; a++) span.setAttribute(ATTRIBUTES[a], i + a);
        span.setUsage({ input: 812, output: 95, total: 907 });
        span.end();
      }
      await yieldToLoop();
    },
  };
  const opentelemetry = {
    name: "OpenTelemetry SDK",
    async round(n) {
      for (let i = 0; i < n; i++) {
        const span = tracer.startSpan("llm-call");
        for (let a = 0; a < 10; a++) span.setAttribute(ATTRIBUTES[a], i + a);
        span.setAttributes({ "gen_ai.usage.input_tokens": 812, "gen_ai.usage.output_tokens": 95, "gen_ai.usage.total_tokens": 907 });
        span.end();
      }
      await yieldToLoop();
    },
  };

  const [ours, theirs] = await compare([tracehub, opentelemetry], { rounds: 40, opsPerRound: 2_000 });
  await hub.shutdown();
  await provider.shutdown();
  const lost = hub.stats().adapters[0];
  return {
    name: "hot path: start + 10 attributes + usage + end",
    ours,
    peer: theirs,
    ratio: ours.nsPerOp / theirs.nsPerOp,
    target: 0.35,
    note: `in-memory adapter delivered ${lost.exported}, dropped ${lost.dropped}`,
  };
}
