// How Langfuse's answers to the OTLP endpoint become ExportResults: 401/403
// permanent with a message that says what to fix and never a key; 429 and 5xx
// retried with Retry-After; 400 reported with the server's message; plus
// fault injection through a real hub and delivery queue.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHub } from "@tracehub/core";
import { tracehubAdapter } from "../src/index.js";
import { GENERATE, KEYS, PUBLIC_KEY, RAG_SPANS, ROOT, SECRET_KEY } from "./fixtures.js";
import { createAdapter, OTEL_URL, otelEndpoint, type RecordedRequest } from "./helpers.js";
import { decodeProtobufSpans } from "./otlp-proto.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TOKEN = Buffer.from(`${PUBLIC_KEY}:${SECRET_KEY}`).toString("base64");

function expectNoSecret(text: string): void {
  for (const secret of [SECRET_KEY, PUBLIC_KEY, TOKEN]) expect(text).not.toContain(secret);
}

async function exportWith(response: () => Response) {
  server.use(http.post(OTEL_URL, () => response()));
  const adapter = await createAdapter();
  return adapter.export({ spans: [ROOT, GENERATE], scores: [] });
}

describe("OTLP endpoint answers", () => {
  it("401 is permanent, says which variables to check, and echoes no key", async () => {
    const result = await exportWith(() =>
      HttpResponse.json(
        { error: "UnauthorizedError", message: `Invalid credentials for ${PUBLIC_KEY} / ${SECRET_KEY} (Basic ${TOKEN})` },
        { status: 401 },
      ),
    );
    expect(result.kind).toBe("fail");
    const reason = result.kind === "fail" ? result.reason : "";
    expect(reason).toContain("HTTP 401");
    expect(reason).toContain("LANGFUSE_PUBLIC_KEY");
    expect(reason).toContain("LANGFUSE_SECRET_KEY");
    expect(reason).toContain("[REDACTED]");
    expectNoSecret(reason);
  });

  it("403 'Ingestion suspended' is permanent and explained as the usage limit", async () => {
    const result = await exportWith(() =>
      HttpResponse.json({ error: "ForbiddenError", message: "Ingestion suspended: Usage threshold exceeded. Please upgrade your plan." }, { status: 403 }),
    );
    expect(result).toEqual({
      kind: "fail",
      reason: expect.stringMatching(/HTTP 403: .*Ingestion suspended.*exceeded its usage limit/),
    });
    expectNoSecret(JSON.stringify(result));
  });

  it("429 is retried after the server's Retry-After (seconds and HTTP date)", async () => {
    await expect(exportWith(() => new HttpResponse("slow down", { status: 429, headers: { "retry-after": "7" } }))).resolves.toEqual({
      kind: "retry",
      afterMs: 7000,
      reason: expect.stringContaining("HTTP 429: slow down"),
    });
    const date = new Date(Date.now() + 30_000).toUTCString();
    const result = await exportWith(() => new HttpResponse(null, { status: 429, headers: { "retry-after": date } }));
    expect(result.kind).toBe("retry");
    const afterMs = result.kind === "retry" ? (result.afterMs ?? 0) : 0;
    expect(afterMs).toBeGreaterThan(25_000);
    expect(afterMs).toBeLessThanOrEqual(30_000);
  });

  it("every 5xx is retried, 500 included (Langfuse answers 500 when it cannot queue the batch)", async () => {
    for (const status of [500, 502, 503, 504]) {
      const result = await exportWith(() => HttpResponse.json({ message: "Internal Server Error" }, { status }));
      expect(result).toEqual({ kind: "retry", reason: expect.stringContaining(`HTTP ${status}`) });
    }
    await expect(exportWith(() => new HttpResponse(null, { status: 503, headers: { "retry-after": "2" } }))).resolves.toMatchObject({
      kind: "retry",
      afterMs: 2000,
    });
  });

  it("a network failure is retried", async () => {
    const result = await exportWith(() => HttpResponse.error());
    expect(result).toEqual({ kind: "retry", reason: expect.stringContaining("network error") });
  });

  it("400 for the whole request is permanent and carries the server's message", async () => {
    const message = "Invalid OTLP trace export: 1 of 2 span(s) cannot be processed (span:not_an_id).";
    const result = await exportWith(() => HttpResponse.json({ error: message }, { status: 400 }));
    expect(result).toEqual({ kind: "fail", reason: expect.stringContaining(`HTTP 400: ${message}`) });
  });

  it("404 suggests the legacy mode (a server without the OTLP endpoint)", async () => {
    const result = await exportWith(() => HttpResponse.json({ message: "Not found" }, { status: 404 }));
    expect(result).toEqual({ kind: "fail", reason: expect.stringContaining("LANGFUSE_INGESTION=legacy") });
  });

  it("leaves out a span with an invalid id (it would make Langfuse reject all) and reports it alone", async () => {
    const requests: RecordedRequest[] = [];
    server.use(otelEndpoint(requests));
    const adapter = await createAdapter();
    const bad = { ...GENERATE, spanId: "not-hex" };
    const result = await adapter.export({ spans: [ROOT, bad], scores: [] });
    expect(result).toEqual({ kind: "partial", rejected: [{ id: "not-hex", retryable: false, reason: expect.any(String) }] });
    expect(decodeProtobufSpans((requests[0] as RecordedRequest).body).map((s) => s.spanId)).toEqual([ROOT.spanId]);
  });
});

describe("fault injection through the hub's delivery queue", () => {
  async function hubWith(respond: (attempt: number) => Response) {
    let attempt = 0;
    const requests: RecordedRequest[] = [];
    server.use(otelEndpoint(requests, () => respond(++attempt)));
    const hub = await createHub({
      env: KEYS,
      adapterFactories: { langfuse: tracehubAdapter },
      registerShutdownHooks: false,
      flushIntervalMs: 5,
      queue: { initialBackoffMs: 5, maxBackoffMs: 40, maxAttempts: 4 },
    });
    return { hub, requests };
  }

  it("retries a 503, then a 429 after its Retry-After, until delivered", async () => {
    const times: number[] = [];
    const { hub, requests } = await hubWith((attempt) => {
      times.push(Date.now());
      if (attempt === 1) return new HttpResponse(null, { status: 503 });
      if (attempt === 2) return new HttpResponse(null, { status: 429, headers: { "retry-after": "1" } });
      return HttpResponse.json({});
    });
    hub.trace("rag-query", () => "done");
    await hub.flush(5000);
    const stats = hub.stats().adapters.find((a) => a.adapter === "langfuse");
    expect(requests).toHaveLength(3);
    expect(stats).toMatchObject({ exported: 1, failed: 0, dropped: 0, retried: 2 });
    // Retry-After: 1 is a floor the queue honours (the backoff alone would be under 40 ms).
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(950);
    // The same span each time: Langfuse upserts it by id.
    const ids = requests.map((r) => decodeProtobufSpans(r.body)[0]?.spanId);
    expect(new Set(ids).size).toBe(1);
    await hub.shutdown();
  });

  it("never retries a 401", async () => {
    const { hub, requests } = await hubWith(() => HttpResponse.json({ message: "Invalid credentials" }, { status: 401 }));
    hub.trace("rag-query", () => "done");
    await hub.flush(5000);
    expect(requests).toHaveLength(1);
    const stats = hub.stats().adapters.find((a) => a.adapter === "langfuse");
    expect(stats).toMatchObject({ exported: 0, failed: 1 });
    expect(stats?.lastError).toContain("LANGFUSE_SECRET_KEY");
    expectNoSecret(stats?.lastError ?? "");
    await hub.shutdown();
  });

  it("sends the RAG trace in one request when it fits the batch limits", async () => {
    const requests: RecordedRequest[] = [];
    server.use(otelEndpoint(requests));
    const adapter = await createAdapter();
    await adapter.export({ spans: RAG_SPANS, scores: [] });
    expect(requests).toHaveLength(1);
  });
});
