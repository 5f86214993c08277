// The adapter against a collector mocked at the network layer with msw: the
// exact request (method, URL, headers, decoded body), gzip, JSON mode, every
// OTLP retry rule, permanent failures with the server's message, partial success.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EMBED, GENERATE, RAG_SPANS, RELEVANCE, ROOT } from "./fixtures.js";
import { createAdapter, requestBytes, settings } from "./helpers.js";
import { attributeMap, decodedSpans, decodeRequest, encodeResponse, encodeRpcStatus } from "./otlp-proto.js";

const BASE = "http://collector.test:4318";
const URL_ = `${BASE}/v1/traces`;
const SECRET = "sk-live-0123456789abcdef";
const ENV = {
  OTEL_EXPORTER_OTLP_ENDPOINT: BASE,
  OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${SECRET},x-team=ml%2Fops`,
};

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Answers with `respond` and records what the collector received. */
function collector(respond: () => Response | Promise<Response> = () => new HttpResponse(encodeResponse(), { headers: { "content-type": "application/x-protobuf" } })): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.post(URL_, async ({ request }) => {
      seen.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers.entries()),
        body: await requestBytes(request),
      });
      return respond();
    }),
  );
  return seen;
}

const batch = { spans: RAG_SPANS, scores: [RELEVANCE] };

describe("OTLP adapter over HTTP (msw)", () => {
  it("POSTs a protobuf ExportTraceServiceRequest to {endpoint}/v1/traces with the configured headers", async () => {
    const seen = collector();
    const adapter = await createAdapter(ENV, undefined, settings("rag-api"));
    expect(adapter.name).toBe("otlp");
    expect(adapter.limits).toEqual({ maxBatchItems: 512, maxBatchBytes: 4 * 1024 * 1024, concurrency: 2 });

    await expect(adapter.export(batch)).resolves.toEqual({ kind: "ok" });
    expect(seen).toHaveLength(1);
    const [req] = seen as [Seen];
    expect(req.method).toBe("POST");
    expect(req.url).toBe(URL_);
    expect(req.headers["content-type"]).toBe("application/x-protobuf");
    expect(req.headers["content-encoding"]).toBeUndefined();
    expect(req.headers["authorization"]).toBe(`Bearer ${SECRET}`); // URL-decoded
    expect(req.headers["x-team"]).toBe("ml/ops");
    expect(req.headers["user-agent"]).toBe("tracehub-otlp/0.1.0");

    const spans = decodedSpans(decodeRequest(req.body));
    expect(spans.map((s) => s.span.spanId)).toEqual(RAG_SPANS.map((s) => s.spanId).filter((id) => id !== "00000000000000d0").concat("00000000000000d0"));
    const generate = spans.find((s) => s.span.spanId === GENERATE.spanId);
    expect(generate?.resource["service.name"]).toBe("rag-api");
    expect(generate?.span.events.map((e: any) => e.name)).toEqual(["first_token", "gen_ai.evaluation.result"]);
    expect(adapter.stats()).toEqual({ requests: 1, partialSuccesses: 0, rejectedSpans: 0 });
  });

  it("gzips the body when compression is gzip", async () => {
    const seen = collector();
    const adapter = await createAdapter({ ...ENV, OTEL_EXPORTER_OTLP_COMPRESSION: "gzip" });
    await expect(adapter.export(batch)).resolves.toEqual({ kind: "ok" });
    expect(seen[0]?.headers["content-encoding"]).toBe("gzip");
    expect(decodedSpans(decodeRequest(seen[0]!.body))).toHaveLength(RAG_SPANS.length);
  });

  it("sends OTLP/JSON with protocol http/json, read from the traces-specific variable first", async () => {
    const seen = collector(() => HttpResponse.json({}));
    const adapter = await createAdapter({ ...ENV, OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf", OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/json" });
    await expect(adapter.export({ spans: [EMBED], scores: [] })).resolves.toEqual({ kind: "ok" });
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    const json = JSON.parse(new TextDecoder().decode(seen[0]!.body));
    const span = json.resourceSpans[0].scopeSpans[0].spans[0];
    expect(span).toMatchObject({ traceId: EMBED.traceId, spanId: EMBED.spanId, kind: 3 });
    expect(span.startTimeUnixNano).toMatch(/^\d+$/);
  });

  it("sends nothing for an empty batch", async () => {
    const seen = collector();
    const adapter = await createAdapter(ENV);
    await expect(adapter.export({ spans: [], scores: [] })).resolves.toEqual({ kind: "ok" });
    expect(seen).toHaveLength(0);
  });

  it("reports spans with invalid ids as rejected, permanently, and sends the rest", async () => {
    const seen = collector();
    const adapter = await createAdapter(ENV);
    const result = await adapter.export({ spans: [EMBED, { ...ROOT, traceId: "bad" }], scores: [] });
    expect(result).toEqual({ kind: "partial", rejected: [{ id: ROOT.spanId, retryable: false, reason: "span has an invalid trace or span id" }] });
    expect(decodedSpans(decodeRequest(seen[0]!.body)).map((s) => s.span.spanId)).toEqual([EMBED.spanId]);
  });

  describe("retry rules (OTLP/HTTP specification)", () => {
    it("429 with Retry-After in seconds → retry after that long", async () => {
      collector(() => new HttpResponse("slow down", { status: 429, headers: { "retry-after": "7" } }));
      const adapter = await createAdapter(ENV);
      await expect(adapter.export(batch)).resolves.toEqual({ kind: "retry", afterMs: 7000, reason: "HTTP 429: slow down" });
    });

    it("429 with Retry-After as an HTTP date → retry after the time left", async () => {
      const at = new Date(Date.now() + 30_000);
      collector(() => new HttpResponse(null, { status: 429, headers: { "retry-after": at.toUTCString() } }));
      const adapter = await createAdapter(ENV);
      const result = await adapter.export(batch);
      expect(result.kind).toBe("retry");
      const afterMs = (result as { afterMs?: number }).afterMs ?? -1;
      expect(afterMs).toBeGreaterThan(27_000);
      expect(afterMs).toBeLessThanOrEqual(30_000);
    });

    for (const status of [502, 503, 504]) {
      it(`${status} → retry (no Retry-After: the queue's backoff decides)`, async () => {
        collector(() => new HttpResponse("upstream unavailable", { status, headers: { "content-type": "text/plain" } }));
        const adapter = await createAdapter(ENV);
        await expect(adapter.export(batch)).resolves.toEqual({ kind: "retry", reason: `HTTP ${status}: upstream unavailable` });
      });
    }

    it("a network error → retry", async () => {
      collector(() => HttpResponse.error());
      const adapter = await createAdapter(ENV);
      const result = await adapter.export(batch);
      expect(result.kind).toBe("retry");
      expect((result as { reason: string }).reason).toMatch(/^network error/);
    });

    it("a collector slower than the timeout → retry", async () => {
      collector(() => new Promise<Response>((resolve) => setTimeout(() => resolve(new HttpResponse(null, { status: 200 })), 2_000)));
      const adapter = await createAdapter({ ...ENV, OTEL_EXPORTER_OTLP_TIMEOUT: "50" });
      await expect(adapter.export(batch)).resolves.toEqual({ kind: "retry", reason: "request timed out after 50 ms" });
    });

    it("500 and every other status → fail, not retried, with the server's message", async () => {
      const cases: [number, () => Response, string][] = [
        [400, () => new HttpResponse(encodeRpcStatus(3, "span 00000000000000a0: invalid trace id"), { status: 400, headers: { "content-type": "application/x-protobuf" } }), "HTTP 400: span 00000000000000a0: invalid trace id"],
        [401, () => HttpResponse.json({ code: 16, message: "missing or bad credentials" }, { status: 401 }), "HTTP 401: missing or bad credentials"],
        [403, () => new HttpResponse("forbidden", { status: 403 }), "HTTP 403: forbidden"],
        [404, () => new HttpResponse("<html><body>\n  404 page not found\n</body></html>", { status: 404, headers: { "content-type": "text/html" } }), "HTTP 404: <html><body> 404 page not found </body></html>"],
        [413, () => new HttpResponse(null, { status: 413 }), "HTTP 413"],
        [500, () => new HttpResponse("x".repeat(5_000), { status: 500 }), `HTTP 500: ${"x".repeat(297)}...`],
      ];
      for (const [, respond, reason] of cases) {
        collector(respond);
        const adapter = await createAdapter(ENV);
        await expect(adapter.export(batch)).resolves.toEqual({ kind: "fail", reason });
      }
    });

    it("never repeats a header value the server echoes back", async () => {
      collector(() => new HttpResponse(`bad authorization "Bearer ${SECRET}" (token ${SECRET})`, { status: 401 }));
      const adapter = await createAdapter(ENV);
      const result = await adapter.export(batch);
      expect(result).toEqual({ kind: "fail", reason: 'HTTP 401: bad authorization "[REDACTED]" (token [REDACTED])' });
    });

    it("a redirect → fail (a POST must not silently turn into a GET)", async () => {
      collector(() => new HttpResponse(null, { status: 308, headers: { location: "https://elsewhere.test/v1/traces" } }));
      const adapter = await createAdapter(ENV);
      const result = await adapter.export(batch);
      expect(result.kind).toBe("fail");
      expect((result as { reason: string }).reason).toMatch(/^HTTP 308.*redirect/);
    });
  });

  describe("partial success", () => {
    it("protobuf partial_success → ok (never retried), logged and counted", async () => {
      const s = settings();
      collector(() => new HttpResponse(encodeResponse({ rejectedSpans: 2, errorMessage: "2 spans too old" }), { headers: { "content-type": "application/x-protobuf" } }));
      const adapter = await createAdapter(ENV, undefined, s);
      await expect(adapter.export(batch)).resolves.toEqual({ kind: "ok" });
      await expect(adapter.export(batch)).resolves.toEqual({ kind: "ok" });
      expect(adapter.stats()).toEqual({ requests: 2, partialSuccesses: 2, rejectedSpans: 4, lastPartialSuccessMessage: "2 spans too old" });
      const warnings = s.lines.filter((l) => l.startsWith("warn"));
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toContain(`rejected 2 of ${RAG_SPANS.length} spans: 2 spans too old`);
    });

    it("JSON partialSuccess (rejectedSpans as a string, as int64 is in JSON) → ok, logged and counted", async () => {
      const s = settings();
      collector(() => HttpResponse.json({ partialSuccess: { rejectedSpans: "1", errorMessage: "attribute too long" } }));
      const adapter = await createAdapter({ ...ENV, OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" }, undefined, s);
      await expect(adapter.export(batch)).resolves.toEqual({ kind: "ok" });
      expect(adapter.stats()).toMatchObject({ partialSuccesses: 1, rejectedSpans: 1 });
      expect(s.lines.some((l) => l.includes("attribute too long"))).toBe(true);
    });

    it("an empty partial_success is a full success", async () => {
      const s = settings();
      collector(() => new HttpResponse(encodeResponse({}), { headers: { "content-type": "application/x-protobuf" } }));
      const adapter = await createAdapter(ENV, undefined, s);
      await expect(adapter.export(batch)).resolves.toEqual({ kind: "ok" });
      expect(adapter.stats().partialSuccesses).toBe(0);
      expect(s.lines.filter((l) => l.startsWith("warn"))).toEqual([]);
    });
  });

  it("applies code options over the environment, and the attribute switches", async () => {
    const seen: Seen[] = [];
    server.use(
      http.post("https://code.test/custom/path", async ({ request }) => {
        seen.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers.entries()), body: await requestBytes(request) });
        return new HttpResponse(null, { status: 200 });
      }),
    );
    const adapter = await createAdapter(ENV, {
      url: "https://code.test/custom/path",
      headers: { "X-Team": "code" },
      openInference: false,
      tracehubAttributes: false,
      content: false,
      resourceAttributes: { "deployment.region": "eu" },
    });
    await expect(adapter.export({ spans: [GENERATE], scores: [] })).resolves.toEqual({ kind: "ok" });
    expect(seen[0]?.headers["x-team"]).toBe("code");
    expect(seen[0]?.headers["authorization"]).toBe(`Bearer ${SECRET}`);
    const [decoded] = decodedSpans(decodeRequest(seen[0]!.body));
    const attributes = attributeMap(decoded!.span.attributes);
    expect(Object.keys(attributes).filter((k) => !k.startsWith("gen_ai.") && !k.startsWith("app."))).toEqual([]);
    expect(attributes).not.toHaveProperty("gen_ai.input.messages");
    expect(attributes["gen_ai.usage.cache_read.input_tokens"]).toBe(512);
    expect(decoded!.resource["deployment.region"]).toBe("eu");
  });
});
