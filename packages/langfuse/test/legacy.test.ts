// Legacy mode (LANGFUSE_INGESTION=legacy): spans as batch-ingestion events for
// servers without the OTLP endpoint — the exact events, per-event 207
// handling, and batches split below 3.5 MB.
import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SpanRecord } from "@tracehub/core";
import { MAX_INGESTION_REQUEST_BYTES } from "../src/index.js";
import { FAILED, GENERATE, KEYS, RAG_SPANS, RERANK, RETRIEVE_DOCS, RETRIEVE_WEB, ROOT, T0, TOOL, TRACE_ID, score, span } from "./fixtures.js";
import { createAdapter, ingestionEndpoint, jsonBody, settings, type RecordedRequest } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const LEGACY = { ...KEYS, LANGFUSE_INGESTION: "legacy" };
const iso = (ms: number): string => new Date(Math.floor(ms)).toISOString();

async function exportLegacy(spans: SpanRecord[], options?: unknown) {
  const requests: RecordedRequest[] = [];
  server.use(ingestionEndpoint(requests));
  const adapter = await createAdapter(LEGACY, options);
  const result = await adapter.export({ spans, scores: [] });
  return { result, requests, events: requests.flatMap((r) => jsonBody(r).batch as any[]) };
}

describe("legacy events for a RAG trace", () => {
  it("sends trace-create for the root and one typed create event per span, each stamped with its start time (the server orders by it)", async () => {
    const { result, requests, events } = await exportLegacy(RAG_SPANS);
    expect(result).toEqual({ kind: "ok" });
    expect(requests).toHaveLength(1);
    expect(events.map((e) => [e.type, e.body.id])).toEqual([
      ["retriever-create", RETRIEVE_DOCS.spanId],
      ["retriever-create", RETRIEVE_WEB.spanId],
      ["retriever-create", RERANK.spanId],
      ["generation-create", GENERATE.spanId],
      ["tool-create", TOOL.spanId],
      ["span-create", FAILED.spanId],
      ["trace-create", TRACE_ID],
      ["agent-create", ROOT.spanId],
    ]);
    for (const event of events) {
      expect(event.timestamp).toBe(iso(RAG_SPANS.find((s) => s.spanId === event.body.id)?.startTime ?? T0));
    }
  });

  it("carries every generation field in the legacy shape", async () => {
    const { events } = await exportLegacy([GENERATE]);
    expect(events).toHaveLength(1);
    expect(events[0].body).toEqual({
      id: GENERATE.spanId,
      traceId: TRACE_ID,
      parentObservationId: ROOT.spanId,
      name: "generate",
      startTime: iso(T0 + 400),
      endTime: iso(T0 + 1800),
      completionStartTime: iso(T0 + 650),
      input: [{ role: "user", content: "What is OTLP?" }],
      output: { role: "assistant", content: "A protocol." },
      metadata: { provider: "openai", retryCount: 1, promptVariables: { question: "What is OTLP?" } },
      level: "WARNING",
      statusMessage: "succeeded after 1 retry",
      version: "v7",
      environment: "production-eu",
      model: "gpt-4o",
      modelParameters: { temperature: 0.2, max_tokens: 256, stop: ["\n\n"] },
      usageDetails: { input: 300, input_cached_tokens: 800, input_cache_creation: 100, output: 180, output_reasoning_tokens: 120, total: 1500 },
      costDetails: expect.objectContaining({ total: 0.005, input_cached_tokens: 0.0004, output_reasoning_tokens: 0.0012 }),
      promptName: "qa",
      promptVersion: 3,
    });
  });

  it("builds the trace from the root: name, user, session, tags, metadata, release, version, environment, input/output", async () => {
    const { events } = await exportLegacy([ROOT], { publicTraces: true });
    expect(events[0]).toMatchObject({ type: "trace-create" });
    expect(events[0].body).toEqual({
      id: TRACE_ID,
      timestamp: iso(T0),
      name: "rag-query",
      input: { question: "What is OTLP?" },
      output: "A protocol.",
      userId: "u-42",
      sessionId: "s-7",
      tags: ["prod", "beta"],
      metadata: { tenant: "acme", plan: "pro" },
      release: "1.4.2",
      version: "v7",
      environment: "production-eu",
      public: true,
    });
    expect(events[1].body.metadata).toEqual({ attributes: { "app.route": "/ask" } });
  });

  it("keeps errors, events and links in the metadata; an event kind has no end time", async () => {
    const marker = span("0000000000000a01", {
      parentSpanId: ROOT.spanId,
      kind: "event",
      name: "cache-miss",
      events: [{ name: "lookup", time: T0 + 1, attributes: { key: "k1" } }],
      links: [{ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331" }],
    });
    const { events } = await exportLegacy([FAILED, marker]);
    expect(events[0].body).toMatchObject({
      level: "ERROR",
      statusMessage: "TimeoutError: redis timed out",
      metadata: { error: { type: "TimeoutError", category: "timeout", stack: expect.stringContaining("at write") } },
    });
    expect(events[1].type).toBe("event-create");
    expect(events[1].body.endTime).toBeUndefined();
    expect(events[1].body.metadata).toEqual({
      events: [{ name: "lookup", time: iso(T0 + 1), attributes: { key: "k1" } }],
      links: [{ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331" }],
    });
  });

  it("maps the newer observation types to span/generation events for old servers when asked", async () => {
    const kinds = ["agent", "tool", "chain", "retriever", "reranker", "evaluator", "guardrail", "embedding", "llm", "span", "event"] as const;
    const spans = kinds.map((kind, i) => span(`00000000000001${String(i).padStart(2, "0")}`, { kind, parentSpanId: ROOT.spanId }));
    const typed = await exportLegacy(spans);
    expect(typed.events.map((e) => e.type)).toEqual([
      "agent-create", "tool-create", "chain-create", "retriever-create", "retriever-create", "evaluator-create",
      "guardrail-create", "embedding-create", "generation-create", "span-create", "event-create",
    ]);
    const plain = await exportLegacy(spans, { typedObservationEvents: false });
    expect(plain.events.map((e) => e.type)).toEqual([
      "span-create", "span-create", "span-create", "span-create", "span-create", "span-create",
      "span-create", "generation-create", "generation-create", "span-create", "event-create",
    ]);
    expect(plain.events[0].body.metadata).toEqual({ "langfuse.observation.type": "agent" });
  });
});

describe("legacy 207 handling", () => {
  it("retries exactly the spans whose events failed with 429/5xx and drops those refused with 4xx", async () => {
    const requests: RecordedRequest[] = [];
    server.use(
      ingestionEndpoint(requests, (_r, batch) => {
        const successes: unknown[] = [];
        const errors: unknown[] = [];
        for (const e of batch) {
          if (e.type === "trace-create") errors.push({ id: e.id, status: 500, error: "Internal Server Error" });
          else if (e.body.id === GENERATE.spanId) errors.push({ id: e.id, status: 400, message: "Invalid request data", error: "promptVersion: expected int" });
          else if (e.body.id === TOOL.spanId) errors.push({ id: e.id, status: 404, message: "Resource not found" });
          else if (e.type === "score-create") errors.push({ id: e.id, status: 429, message: "rate limited" });
          else successes.push({ id: e.id, status: 201 });
        }
        return HttpResponse.json({ successes, errors }, { status: 207 });
      }),
    );
    const adapter = await createAdapter(LEGACY);
    const result = await adapter.export({ spans: RAG_SPANS, scores: [score("s1")] });
    expect(result).toEqual({
      kind: "partial",
      rejected: [
        { id: GENERATE.spanId, retryable: false, reason: "Langfuse ingestion: generation-create rejected with 400: Invalid request data: promptVersion: expected int" },
        { id: TOOL.spanId, retryable: false, reason: "Langfuse ingestion: tool-create rejected with 404: Resource not found" },
        // The root's observation went through but its trace-create did not: the root is re-sent (both upsert by id).
        { id: ROOT.spanId, retryable: true, reason: "Langfuse ingestion: trace-create rejected with 500: Internal Server Error" },
        { id: "s1", retryable: true, reason: "Langfuse ingestion: score-create rejected with 429: rate limited" },
      ],
    });
    expect(requests).toHaveLength(1);
  });

  it("recognises a Langfuse v4 server that refuses tracing events, drops them and warns once", async () => {
    const s = settings();
    server.use(
      ingestionEndpoint([], (_r, batch) =>
        HttpResponse.json(
          { successes: [], errors: batch.map((e) => ({ id: e.id, status: 400, message: "Event type not accepted", error: "events_only mode" })) },
          { status: 207 },
        ),
      ),
    );
    const adapter = await createAdapter(LEGACY, undefined, s);
    const first = await adapter.export({ spans: [GENERATE], scores: [] });
    await adapter.export({ spans: [TOOL], scores: [] });
    expect(first).toEqual({ kind: "partial", rejected: [{ id: GENERATE.spanId, retryable: false, reason: expect.stringContaining("Event type not accepted") }] });
    expect(s.lines.filter((l) => l.includes("LANGFUSE_INGESTION=legacy"))).toHaveLength(1);
  });
});

describe("legacy batch size", () => {
  it("splits a batch into requests under 3.5 MB, never splitting one span's events", async () => {
    const big = "x".repeat(900_000);
    const spans = Array.from({ length: 6 }, (_, i) =>
      span(`00000000000002${String(i).padStart(2, "0")}`, { parentSpanId: i === 0 ? undefined : "0000000000000200", input: big, output: big }),
    );
    const { result, requests, events } = await exportLegacy(spans);
    expect(result).toEqual({ kind: "ok" });
    expect(requests.length).toBeGreaterThan(1);
    for (const r of requests) expect(r.body.length).toBeLessThanOrEqual(MAX_INGESTION_REQUEST_BYTES);
    // The root (first span) carries trace-create and agent events in the same request.
    const first = jsonBody(requests[0] as RecordedRequest).batch.map((e: any) => e.type);
    expect(first.slice(0, 2)).toEqual(["trace-create", "span-create"]);
    expect(events.filter((e) => e.type === "span-create")).toHaveLength(6);
  });

  it("shrinks a span too large for any batch instead of losing it", async () => {
    const huge = "y".repeat(2_000_000);
    const { result, requests, events } = await exportLegacy([span("0000000000000300", { input: huge, output: huge })], {
      maxFieldBytes: 4 * 1024 * 1024,
    });
    expect(result).toEqual({ kind: "ok" });
    expect(requests).toHaveLength(1);
    expect((requests[0] as RecordedRequest).body.length).toBeLessThanOrEqual(MAX_INGESTION_REQUEST_BYTES);
    const observation = events.find((e) => e.type === "span-create");
    expect(observation.body.input).toMatch(/…\[truncated by tracehub: 2000000 bytes, limit 437500\]$/);
  });
});
