// The decoded OTLP request for a full RAG trace, span by span and attribute by
// attribute, exactly as Langfuse's /api/public/otel/v1/traces receives it.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decodeJsonSpans, decodeProtobufSpans, type DecodedSpan } from "./otlp-proto.js";
import { BASE_URL, CONTEXT, FAILED, GENERATE, PUBLIC_KEY, RAG_SPANS, RERANK, RETRIEVE_DOCS, RETRIEVE_WEB, ROOT, SECRET_KEY, T0, TOOL, TRACE_ID } from "./fixtures.js";
import { createAdapter, otelEndpoint, type RecordedRequest } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const JSON_KEYS = new Set([
  "langfuse.observation.input",
  "langfuse.observation.output",
  "langfuse.observation.metadata",
  "langfuse.observation.model.parameters",
  "langfuse.observation.usage_details",
  "langfuse.observation.cost_details",
  "langfuse.trace.metadata",
  "langfuse.trace.input",
  "langfuse.trace.output",
]);

/** Attributes with JSON-valued ones parsed, so values compare as data. */
function readable(span: DecodedSpan | undefined): Record<string, unknown> {
  if (span === undefined) throw new Error("span missing from the request");
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    out[key] = JSON_KEYS.has(key) && typeof value === "string" && /^[[{"]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}

const TRACE_FIELDS = {
  "langfuse.trace.name": "rag-query",
  "user.id": "u-42",
  "session.id": "s-7",
  "langfuse.trace.tags": ["prod", "beta"],
  "langfuse.trace.metadata": { tenant: "acme", plan: "pro" },
  // "Production EU" sanitised to Langfuse's rules.
  "langfuse.environment": "production-eu",
  "langfuse.release": "1.4.2",
  "langfuse.version": "v7",
};

function nanos(ms: number): string {
  const whole = Math.floor(ms);
  return (BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6))).toString();
}

async function exportRag(options?: unknown): Promise<{ request: RecordedRequest; spans: DecodedSpan[] }> {
  const requests: RecordedRequest[] = [];
  server.use(otelEndpoint(requests));
  const adapter = await createAdapter(undefined, options);
  await expect(adapter.export({ spans: RAG_SPANS, scores: [] })).resolves.toEqual({ kind: "ok" });
  expect(requests).toHaveLength(1);
  const request = requests[0] as RecordedRequest;
  const json = request.headers["content-type"] === "application/json";
  return { request, spans: json ? decodeJsonSpans(new TextDecoder().decode(request.body)) : decodeProtobufSpans(request.body) };
}

describe("OTLP request for a RAG trace", () => {
  it("posts gzipped protobuf with Basic auth and the v4 ingestion header", async () => {
    const { request, spans } = await exportRag();
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`${BASE_URL}/api/public/otel/v1/traces`);
    expect(request.headers["authorization"]).toBe(`Basic ${Buffer.from(`${PUBLIC_KEY}:${SECRET_KEY}`).toString("base64")}`);
    expect(request.headers["x-langfuse-ingestion-version"]).toBe("4");
    expect(request.headers["content-type"]).toBe("application/x-protobuf");
    expect(request.headers["content-encoding"]).toBe("gzip");
    expect(request.headers["user-agent"]).toMatch(/^tracehub-langfuse\/\d+\.\d+\.\d+$/);
    // No x-langfuse-sdk-name: Langfuse would take tracehub for its own SDK.
    expect(request.headers["x-langfuse-sdk-name"]).toBeUndefined();
    expect(spans.map((s) => s.spanId).sort()).toEqual(RAG_SPANS.map((s) => s.spanId).sort());
    for (const s of spans) {
      expect(s.traceId).toBe(TRACE_ID);
      // A scope name containing "langfuse" would also mark the batch as Langfuse SDK traffic.
      expect(s.scope.name).toBe("tracehub");
      expect(s.resource).toMatchObject({ "service.name": "rag-api", "service.version": "1.4.2", "telemetry.sdk.name": "tracehub" });
      expect(Object.keys(s.attributes).filter((k) => k.startsWith("gen_ai.") || k.startsWith("llm.") || k.startsWith("openinference."))).toEqual([]);
    }
  });

  it("maps the root agent: trace input/output only here, app root, user attributes kept", async () => {
    const { spans } = await exportRag();
    const root = spans.find((s) => s.spanId === ROOT.spanId);
    expect(root?.parentSpanId).toBe("");
    expect(root?.name).toBe("rag-agent");
    expect(root?.startTimeUnixNano).toBe(nanos(T0));
    expect(root?.endTimeUnixNano).toBe(nanos(T0 + 2000));
    expect(readable(root)).toEqual({
      "app.route": "/ask",
      "langfuse.observation.type": "agent",
      "langfuse.observation.input": { question: "What is OTLP?" },
      "langfuse.observation.output": "A protocol.",
      "langfuse.trace.input": { question: "What is OTLP?" },
      "langfuse.trace.output": "A protocol.",
      "langfuse.internal.is_app_root": true,
      ...TRACE_FIELDS,
    });
    for (const s of spans.filter((x) => x.spanId !== ROOT.spanId)) {
      expect(s.parentSpanId).toBe(ROOT.spanId);
      expect(s.attributes["langfuse.trace.input"]).toBeUndefined();
      expect(s.attributes["langfuse.internal.is_app_root"]).toBeUndefined();
    }
  });

  it("maps the generation: model, parameters, usage without double counting, cost, prompt, first token, retry warning", async () => {
    const { spans } = await exportRag();
    const generation = readable(spans.find((s) => s.spanId === GENERATE.spanId));
    const { ["langfuse.observation.cost_details"]: cost, ...rest } = generation;
    expect(rest).toEqual({
      "langfuse.observation.type": "generation",
      "langfuse.observation.level": "WARNING",
      "langfuse.observation.status_message": "succeeded after 1 retry",
      "langfuse.observation.input": [{ role: "user", content: "What is OTLP?" }],
      "langfuse.observation.output": { role: "assistant", content: "A protocol." },
      "langfuse.observation.metadata": { provider: "openai", retryCount: 1, promptVariables: { question: "What is OTLP?" } },
      "langfuse.observation.model.name": "gpt-4o",
      "langfuse.observation.model.parameters": { temperature: 0.2, max_tokens: 256, stop: ["\n\n"] },
      // 1200 prompt tokens = 300 uncached + 800 cache reads + 100 cache writes; 300 output = 180 + 120 reasoning.
      "langfuse.observation.usage_details": {
        input: 300,
        input_cached_tokens: 800,
        input_cache_creation: 100,
        output: 180,
        output_reasoning_tokens: 120,
        total: 1500,
      },
      "langfuse.observation.completion_start_time": new Date(Math.floor(T0 + 650)).toISOString(),
      "langfuse.observation.prompt.name": "qa",
      "langfuse.observation.prompt.version": 3,
      ...TRACE_FIELDS,
    });
    const usage = generation["langfuse.observation.usage_details"] as Record<string, number>;
    const buckets = Object.entries(usage).filter(([k]) => k !== "total").reduce((sum, [, v]) => sum + v, 0);
    expect(buckets).toBe(usage["total"]); // the server's own sum would equal our total
    const c = cost as Record<string, number>;
    expect(Object.keys(c).sort()).toEqual(["input", "input_cache_creation", "input_cached_tokens", "output", "output_reasoning_tokens", "total"]);
    expect(c["input"]).toBeCloseTo(0.0015, 12);
    expect(c["input_cached_tokens"]).toBeCloseTo(0.0004, 12);
    expect(c["input_cache_creation"]).toBeCloseTo(0.0001, 12);
    expect(c["output"]).toBeCloseTo(0.0018, 12);
    expect(c["output_reasoning_tokens"]).toBeCloseTo(0.0012, 12);
    expect(c["total"]).toBe(0.005);
    expect(spans.find((s) => s.spanId === GENERATE.spanId)?.status).toEqual({ code: 1 });
  });

  it("maps parallel retrievers, the reranker (as a retriever) and the tool", async () => {
    const { spans } = await exportRag();
    expect(readable(spans.find((s) => s.spanId === RETRIEVE_DOCS.spanId))).toEqual({
      "langfuse.observation.type": "retriever",
      "langfuse.observation.input": "what is otlp",
      "langfuse.observation.output": [{ id: "doc-1", pageContent: "OTLP is the OpenTelemetry protocol.", score: 0.91 }],
      ...TRACE_FIELDS,
    });
    expect(readable(spans.find((s) => s.spanId === RETRIEVE_WEB.spanId))).toMatchObject({ "langfuse.observation.type": "retriever" });
    expect(readable(spans.find((s) => s.spanId === RERANK.spanId))).toEqual({
      "langfuse.observation.type": "retriever",
      "langfuse.observation.metadata": { "tracehub.kind": "reranker", provider: "cohere" },
      "langfuse.observation.model.name": "rerank-v3",
      ...TRACE_FIELDS,
    });
    expect(readable(spans.find((s) => s.spanId === TOOL.spanId))).toEqual({
      "tool.provider": "bing",
      "langfuse.observation.type": "tool",
      "langfuse.observation.input": { query: "otlp" },
      "langfuse.observation.output": "3 results",
      ...TRACE_FIELDS,
    });
  });

  it("maps the failed span to level ERROR with its status message", async () => {
    const { spans } = await exportRag();
    const failed = spans.find((s) => s.spanId === FAILED.spanId);
    expect(readable(failed)).toEqual({
      "langfuse.observation.type": "span",
      "langfuse.observation.level": "ERROR",
      "langfuse.observation.status_message": "TimeoutError: redis timed out",
      "langfuse.observation.metadata": {
        error: { type: "TimeoutError", category: "timeout", stack: "TimeoutError: redis timed out\n    at write" },
      },
      ...TRACE_FIELDS,
    });
    expect(failed?.status).toEqual({ code: 2, message: "redis timed out" });
    expect(failed?.events.map((e) => e.name)).toEqual(["exception"]);
  });

  it("sends OTLP/JSON with the same attributes when asked, uncompressed", async () => {
    const proto = await exportRag();
    const { request, spans } = await exportRag({ protocol: "http/json", gzip: false });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["content-encoding"]).toBeUndefined();
    for (const id of [ROOT.spanId, GENERATE.spanId, FAILED.spanId]) {
      expect(readable(spans.find((s) => s.spanId === id))).toEqual(readable(proto.spans.find((s) => s.spanId === id)));
    }
  });

  it("lets code options override environment and release, and marks traces public when asked", async () => {
    const { spans } = await exportRag({ environment: "staging", release: "2.0.0", publicTraces: true });
    const generation = spans.find((s) => s.spanId === GENERATE.spanId);
    expect(generation?.attributes["langfuse.environment"]).toBe("staging");
    expect(generation?.attributes["langfuse.release"]).toBe("2.0.0");
    expect(generation?.attributes["langfuse.trace.public"]).toBe(true);
  });

  it("does not link a prompt without a real version, nor a prompt on a non-generation", async () => {
    const requests: RecordedRequest[] = [];
    server.use(otelEndpoint(requests));
    const adapter = await createAdapter();
    const noVersion = { ...GENERATE, spanId: "00000000000000d1", prompt: { name: "qa", template: "t" } };
    const onTool = { ...TOOL, spanId: "00000000000000e1", prompt: { name: "qa", version: 3 } };
    await adapter.export({ spans: [noVersion, onTool], scores: [] });
    for (const s of decodeProtobufSpans((requests[0] as RecordedRequest).body)) {
      expect(s.attributes["langfuse.observation.prompt.name"]).toBeUndefined();
      expect(s.attributes["langfuse.observation.prompt.version"]).toBeUndefined();
    }
  });

  it("a span whose parent is in another process is an app root but not the trace root", async () => {
    const requests: RecordedRequest[] = [];
    server.use(otelEndpoint(requests));
    const adapter = await createAdapter();
    const local = { ...ROOT, parentSpanId: "b7ad6b7169203331", parentIsRemote: true, context: { ...CONTEXT, traceName: undefined } };
    await adapter.export({ spans: [local], scores: [] });
    const [decoded] = decodeProtobufSpans((requests[0] as RecordedRequest).body);
    expect(decoded?.parentSpanId).toBe("b7ad6b7169203331");
    expect(decoded?.attributes["langfuse.internal.is_app_root"]).toBe(true);
    expect(decoded?.attributes["langfuse.trace.input"]).toBeUndefined();
    expect(decoded?.attributes["langfuse.trace.name"]).toBeUndefined();
  });
});
