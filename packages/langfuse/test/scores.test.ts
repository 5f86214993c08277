// Scores as score-create events on /api/public/ingestion: the exact request,
// the 207 answer read event by event (429/5xx retried, 4xx dropped with the
// server's message), and how score and span outcomes combine in one export.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHub } from "@tracehub/core";
import { tracehubAdapter } from "../src/index.js";
import { BASE_URL, GENERATE, KEYS, PUBLIC_KEY, ROOT, SECRET_KEY, T0, TRACE_ID, score } from "./fixtures.js";
import { createAdapter, ingestionEndpoint, jsonBody, OTEL_URL, otelEndpoint, type RecordedRequest } from "./helpers.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A 207 answer built from each event's score id: `statusFor` returns 201 for success. */
function answerByScore(statusFor: (scoreId: string) => number, message = "Invalid request data") {
  return (_request: RecordedRequest, batch: any[]) => {
    const successes: unknown[] = [];
    const errors: unknown[] = [];
    for (const event of batch) {
      const status = statusFor(event.body.id as string);
      if (status < 300) successes.push({ id: event.id, status });
      else errors.push({ id: event.id, status, message: status === 400 ? message : "Internal Server Error", error: status === 400 ? "value must be a number" : undefined });
    }
    return HttpResponse.json({ successes, errors }, { status: 207 });
  };
}

describe("score-create events", () => {
  it("posts each score with Langfuse's data types, the span's hex ids and Basic auth", async () => {
    const requests: RecordedRequest[] = [];
    server.use(ingestionEndpoint(requests));
    const adapter = await createAdapter(KEYS, { environment: "Staging" });
    const numeric = score("0b8e5c1e-4a8f-4f3e-9d57-3a1c2b4d5e60", { comment: "on topic", metadata: { judge: "gpt-4o-mini" } });
    const categorical = score("0b8e5c1e-4a8f-4f3e-9d57-3a1c2b4d5e61", { spanId: undefined, name: "tone", value: "friendly", dataType: "categorical", source: "api" });
    const boolean = score("0b8e5c1e-4a8f-4f3e-9d57-3a1c2b4d5e62", { name: "thumbs_up", value: true, dataType: "boolean", source: "user" });
    await expect(adapter.export({ spans: [], scores: [numeric, categorical, boolean] })).resolves.toEqual({ kind: "ok" });

    expect(requests).toHaveLength(1);
    const request = requests[0] as RecordedRequest;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`${BASE_URL}/api/public/ingestion`);
    expect(request.headers["authorization"]).toBe(`Basic ${Buffer.from(`${PUBLIC_KEY}:${SECRET_KEY}`).toString("base64")}`);
    expect(request.headers["content-type"]).toBe("application/json");
    const { batch } = jsonBody(request);
    expect(batch).toHaveLength(3);
    for (const event of batch) {
      expect(event.id).toMatch(UUID);
      expect(event.type).toBe("score-create");
      expect(event.timestamp).toBe(new Date(T0 + 5000).toISOString());
    }
    expect(batch.map((e: any) => e.body)).toEqual([
      {
        id: numeric.id,
        traceId: TRACE_ID,
        observationId: GENERATE.spanId,
        name: "relevance",
        value: 0.82,
        dataType: "NUMERIC",
        comment: "on topic",
        source: "EVAL",
        metadata: { judge: "gpt-4o-mini" },
        environment: "staging",
      },
      { id: categorical.id, traceId: TRACE_ID, name: "tone", value: "friendly", dataType: "CATEGORICAL", source: "API", environment: "staging" },
      {
        id: boolean.id,
        traceId: TRACE_ID,
        observationId: GENERATE.spanId,
        name: "thumbs_up",
        value: 1,
        dataType: "BOOLEAN",
        source: "API",
        metadata: { "tracehub.source": "user" },
        environment: "staging",
      },
    ]);
  });

  it("reads the 207 per event: 400 dropped with the server's message, 429 and 500 retried, successes delivered", async () => {
    const requests: RecordedRequest[] = [];
    const statuses: Record<string, number> = { ok: 201, bad: 400, busy: 429, broken: 500 };
    server.use(ingestionEndpoint(requests, answerByScore((id) => statuses[id] ?? 201)));
    const adapter = await createAdapter();
    const result = await adapter.export({ spans: [], scores: ["ok", "bad", "busy", "broken"].map((id) => score(id)) });
    expect(result).toEqual({
      kind: "partial",
      rejected: [
        { id: "bad", retryable: false, reason: "Langfuse ingestion: score-create rejected with 400: Invalid request data: value must be a number" },
        { id: "busy", retryable: true, reason: "Langfuse ingestion: score-create rejected with 429: Internal Server Error" },
        { id: "broken", retryable: true, reason: "Langfuse ingestion: score-create rejected with 500: Internal Server Error" },
      ],
    });
  });

  it("retries an event the server did not report on", async () => {
    server.use(ingestionEndpoint([], (_r, batch) => HttpResponse.json({ successes: [{ id: batch[0].id, status: 201 }], errors: [] }, { status: 207 })));
    const adapter = await createAdapter();
    const result = await adapter.export({ spans: [], scores: [score("first"), score("second")] });
    expect(result).toEqual({ kind: "partial", rejected: [{ id: "second", retryable: true, reason: expect.stringContaining("no result") }] });
  });

  it("maps whole-request failures: 401 permanent without secrets, 429 with Retry-After", async () => {
    server.use(http.post(`${BASE_URL}/api/public/ingestion`, () => HttpResponse.json({ error: "UnauthorizedError", message: `bad key ${SECRET_KEY}` }, { status: 401 })));
    const adapter = await createAdapter();
    const failed = await adapter.export({ spans: [], scores: [score("a")] });
    expect(failed).toEqual({ kind: "fail", reason: expect.stringContaining("LANGFUSE_SECRET_KEY") });
    expect(JSON.stringify(failed)).not.toContain(SECRET_KEY);

    server.use(http.post(`${BASE_URL}/api/public/ingestion`, () => new HttpResponse(null, { status: 429, headers: { "retry-after": "3" } })));
    await expect(adapter.export({ spans: [], scores: [score("a")] })).resolves.toMatchObject({ kind: "retry", afterMs: 3000 });
  });
});

describe("spans and scores in one export", () => {
  it("names only the rejected scores when the spans went through", async () => {
    const otel: RecordedRequest[] = [];
    server.use(otelEndpoint(otel), ingestionEndpoint([], answerByScore((id) => (id === "bad" ? 400 : 201))));
    const adapter = await createAdapter();
    const result = await adapter.export({ spans: [ROOT], scores: [score("good"), score("bad")] });
    expect(result).toEqual({ kind: "partial", rejected: [{ id: "bad", retryable: false, reason: expect.stringContaining("400") }] });
    expect(otel).toHaveLength(1);
  });

  it("retries only the throttled request's items, keeping Retry-After, and never resends what was delivered", async () => {
    server.use(
      http.post(OTEL_URL, () => new HttpResponse(null, { status: 429, headers: { "retry-after": "4" } })),
      ingestionEndpoint([]),
    );
    const adapter = await createAdapter();
    await expect(adapter.export({ spans: [ROOT], scores: [score("s")] })).resolves.toEqual({
      kind: "partial",
      afterMs: 4000,
      rejected: [{ id: ROOT.spanId, retryable: true, reason: expect.stringContaining("429") }],
    });
  });

  it("retries the whole batch with Retry-After when every request was throttled", async () => {
    server.use(
      http.post(OTEL_URL, () => new HttpResponse(null, { status: 429, headers: { "retry-after": "4" } })),
      http.post(`${BASE_URL}/api/public/ingestion`, () => new HttpResponse(null, { status: 429, headers: { "retry-after": "6" } })),
    );
    const adapter = await createAdapter();
    await expect(adapter.export({ spans: [ROOT], scores: [score("s")] })).resolves.toMatchObject({ kind: "retry", afterMs: 6000 });
  });

  it("drops the spans alone when only the OTLP request is refused for good", async () => {
    server.use(http.post(OTEL_URL, () => HttpResponse.json({ error: "bad export" }, { status: 400 })), ingestionEndpoint([]));
    const adapter = await createAdapter();
    const result = await adapter.export({ spans: [ROOT, GENERATE], scores: [score("s")] });
    expect(result).toEqual({
      kind: "partial",
      rejected: [
        { id: ROOT.spanId, retryable: false, reason: expect.stringContaining("HTTP 400: bad export") },
        { id: GENERATE.spanId, retryable: false, reason: expect.stringContaining("HTTP 400: bad export") },
      ],
    });
  });

  it("fails the whole batch when both endpoints refuse the keys", async () => {
    server.use(
      http.post(OTEL_URL, () => HttpResponse.json({ message: "Invalid credentials" }, { status: 401 })),
      http.post(`${BASE_URL}/api/public/ingestion`, () => HttpResponse.json({ message: "Invalid credentials" }, { status: 401 })),
    );
    const adapter = await createAdapter();
    await expect(adapter.export({ spans: [ROOT], scores: [score("s")] })).resolves.toMatchObject({ kind: "fail" });
  });

  it("fault injection: a score whose event failed with 500 is re-sent by the queue and then delivered", async () => {
    let attempt = 0;
    const requests: RecordedRequest[] = [];
    server.use(
      ingestionEndpoint(requests, (_r, batch) => {
        attempt++;
        const event = batch[0];
        return attempt === 1
          ? HttpResponse.json({ successes: [], errors: [{ id: event.id, status: 500, error: "Internal Server Error" }] }, { status: 207 })
          : HttpResponse.json({ successes: [{ id: event.id, status: 201 }], errors: [] }, { status: 207 });
      }),
    );
    const hub = await createHub({
      env: KEYS,
      adapterFactories: { langfuse: tracehubAdapter },
      registerShutdownHooks: false,
      flushIntervalMs: 5,
      queue: { initialBackoffMs: 5, maxBackoffMs: 20 },
    });
    hub.score({ traceId: TRACE_ID, spanId: GENERATE.spanId, name: "relevance", value: 0.9, id: "3f2a0c1e-0000-4000-8000-000000000001" });
    await hub.flush(5000);
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => jsonBody(r).batch[0].body.id)).toEqual(["3f2a0c1e-0000-4000-8000-000000000001", "3f2a0c1e-0000-4000-8000-000000000001"]);
    expect(hub.stats().adapters.find((a) => a.adapter === "langfuse")).toMatchObject({ exported: 1, retried: 1, failed: 0 });
    await hub.shutdown();
  });
});
