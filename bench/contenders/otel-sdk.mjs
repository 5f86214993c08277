// The OpenTelemetry JS SDK as a contender: BasicTracerProvider with one
// BatchSpanProcessor (default settings unless given: queue 2048, batch 512,
// 5 s delay) and either OTLPTraceExporter (protobuf, 0.223.1, the release that
// matches sdk-trace-base 2.12.1) pointed at the loopback receiver, or a no-op exporter.
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { ATTRIBUTE_KEYS, SPAN_NAME, USAGE } from "./workload.mjs";

const USAGE_ATTRIBUTES = {
  "gen_ai.usage.input_tokens": USAGE.input,
  "gen_ai.usage.output_tokens": USAGE.output,
  "gen_ai.usage.total_tokens": USAGE.total,
};

const NOOP_EXPORTER = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {}, forceFlush: async () => {} };

/** `url`: the traces URL, or undefined for the no-op exporter. */
export function createOtelSdk(url, { bsp = {}, name } = {}) {
  const exporter = url === undefined ? NOOP_EXPORTER : new OTLPTraceExporter({ url });
  const processor = new BatchSpanProcessor(exporter, bsp);
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  const tracer = provider.getTracer("bench");
  return {
    name: name ?? (url === undefined ? "OpenTelemetry SDK (no-op exporter)" : "OpenTelemetry SDK + OTLPTraceExporter"),
    provider,
    processor,
    produce(n, offset = 0) {
      for (let i = offset; i < offset + n; i++) {
        const span = tracer.startSpan(SPAN_NAME);
        for (let a = 0; a < 10; a++) span.setAttribute(ATTRIBUTE_KEYS[a], i + a);
        span.setAttributes(USAGE_ATTRIBUTES);
        span.end();
      }
    },
    /** forceFlush, bounded: resolves false when the deadline passes first. */
    flush(deadlineMs = 10_000) {
      let timer;
      const deadline = new Promise((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
      return Promise.race([provider.forceFlush().then(() => true, () => false), deadline]).finally(() => clearTimeout(timer));
    },
    /** Spans waiting in the processor's queue (a private field, read for verification only). */
    queued: () => processor._finishedSpans?.length ?? processor._delegate?._finishedSpans?.length,
    shutdown: () => provider.shutdown().catch(() => undefined),
  };
}
