// Fault injection: every status LangSmith can answer, and what core's queue is told.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { DeliveryQueue } from "@tracehub/core";
import { API_KEY, ENDPOINT, INFO_DEFAULT, makeAdapter, span } from "./helpers.js";

let posts = 0;
const server = setupServer(http.get(`${ENDPOINT}/info`, () => HttpResponse.json(INFO_DEFAULT)));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  posts = 0;
});
afterAll(() => server.close());

/** /runs/multipart answers each request with the next response of the list (the last one repeats). */
function answer(...responses: (() => Response)[]) {
  server.use(
    http.post(`${ENDPOINT}/runs/multipart`, () => {
      const next = responses[Math.min(posts, responses.length - 1)] as () => Response;
      posts++;
      return next();
    }),
  );
}

const status = (code: number, body: JsonBodyType = { detail: `status ${code}` }, headers: Record<string, string> = {}) => () =>
  HttpResponse.json(body, { status: code, headers });

const ROOT = span("00000000000000a0");

describe("delivery semantics", () => {
  it("counts 409 (payload already received) as delivered", async () => {
    answer(status(409, { detail: "payload already received" }));
    expect(await makeAdapter().export({ spans: [ROOT], scores: [] })).toEqual({ kind: "ok" });
  });

  for (const code of [408, 425, 500, 502, 503, 504]) {
    it(`retries ${code}`, async () => {
      answer(status(code));
      const result = await makeAdapter().export({ spans: [ROOT], scores: [] });
      expect(result).toEqual({ kind: "retry", reason: expect.stringContaining(`POST /runs/multipart answered ${code}`) });
    });
  }

  it("retries 429 after the server's Retry-After", async () => {
    answer(status(429, { detail: "rate limited" }, { "Retry-After": "7" }));
    expect(await makeAdapter().export({ spans: [ROOT], scores: [] })).toEqual({
      kind: "retry",
      afterMs: 7000,
      reason: "POST /runs/multipart answered 429 Too Many Requests: rate limited",
    });
  });

  it("retries 503 after a Retry-After given as an HTTP date", async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    answer(status(503, "down", { "Retry-After": at }));
    const result = await makeAdapter().export({ spans: [ROOT], scores: [] });
    expect(result.kind).toBe("retry");
    expect(result.kind === "retry" ? result.afterMs : 0).toBeGreaterThan(25_000);
  });

  it("retries a network error", async () => {
    answer(() => HttpResponse.error());
    const result = await makeAdapter().export({ spans: [ROOT], scores: [] });
    expect(result).toEqual({ kind: "retry", reason: expect.stringMatching(/^POST \/runs\/multipart failed: TypeError/) });
  });

  for (const code of [400, 401, 403, 413, 422]) {
    it(`fails ${code} for good, with the server's message and without the API key`, async () => {
      // A server (or proxy) that echoes the request's key must not get it into our reason.
      answer(status(code, { detail: `bad thing; you sent x-api-key ${API_KEY}` }));
      const result = await makeAdapter().export({ spans: [ROOT], scores: [] });
      expect(result.kind).toBe("fail");
      const reason = result.kind === "fail" ? result.reason : "";
      expect(reason).toContain(`POST /runs/multipart answered ${code}`);
      expect(reason).toContain("bad thing; you sent x-api-key ***");
      expect(reason).not.toContain(API_KEY);
      expect(reason).not.toContain(API_KEY.slice(0, 12));
    });
  }

  it("explains a 403 org_scoped_key_requires_workspace", async () => {
    answer(status(403, { error: "org_scoped_key_requires_workspace" }));
    const result = await makeAdapter().export({ spans: [ROOT], scores: [] });
    expect(result).toEqual({ kind: "fail", reason: expect.stringContaining("set LANGSMITH_WORKSPACE_ID") });
  });

  it("cuts a long server message short", async () => {
    answer(status(400, { detail: "y".repeat(5000) }));
    const result = await makeAdapter().export({ spans: [ROOT], scores: [] });
    expect(result.kind === "fail" ? result.reason.length : 0).toBeLessThan(400);
  });

  it("fails 404 from /runs/batch (no endpoint left to fall back to)", async () => {
    answer(status(404));
    server.use(http.post(`${ENDPOINT}/runs/batch`, () => HttpResponse.json({ detail: "Not Found" }, { status: 404 })));
    expect(await makeAdapter().export({ spans: [ROOT], scores: [] })).toEqual({
      kind: "fail",
      reason: "POST /runs/batch answered 404 Not Found: Not Found",
    });
  });

  describe("when one export needs several requests", () => {
    const spans = ["a", "b", "c"].map((c) => span(`00000000000000${c}0`));
    const useLimitOfOne = () =>
      server.use(http.get(`${ENDPOINT}/info`, () => HttpResponse.json({ batch_ingest_config: { size_limit: 1 } })));

    it("reports a permanent rejection of one request as partial, naming its spans", async () => {
      useLimitOfOne();
      answer(status(202), status(422, { detail: "invalid run" }), status(202));
      const result = await makeAdapter().export({ spans, scores: [] });
      expect(result).toEqual({
        kind: "partial",
        rejected: [{ id: "00000000000000b0", retryable: false, reason: "POST /runs/multipart answered 422 Unprocessable Entity: invalid run" }],
      });
      expect(posts).toBe(3);
    });

    it("stops at a retryable answer and leaves the remaining requests for the retry", async () => {
      useLimitOfOne();
      answer(status(202), status(429, { detail: "slow down" }));
      const result = await makeAdapter().export({ spans, scores: [] });
      expect(posts).toBe(2);
      expect(result).toEqual({
        kind: "partial",
        rejected: ["b0", "c0"].map((id) => ({ id: `00000000000000${id}`, retryable: true, reason: "POST /runs/multipart answered 429 Too Many Requests: slow down" })),
      });
    });

    it("stops at 401: no other request would be let in", async () => {
      useLimitOfOne();
      answer(status(401, { detail: "Invalid token" }));
      const result = await makeAdapter().export({ spans, scores: [] });
      expect(posts).toBe(1);
      expect(result).toEqual({ kind: "fail", reason: "POST /runs/multipart answered 401 Unauthorized: Invalid token (check LANGSMITH_API_KEY)" });
    });
  });

  it("is retried by core's DeliveryQueue until the server recovers, and counted once delivered", async () => {
    answer(status(503), () => HttpResponse.error(), status(409));
    const queue = new DeliveryQueue({ adapter: makeAdapter(), initialBackoffMs: 1, maxBackoffMs: 5, flushIntervalMs: 1 });
    queue.enqueueSpan(ROOT);
    expect(await queue.flush(5000)).toBe(true);
    expect(posts).toBe(3);
    expect(queue.stats()).toMatchObject({ exported: 1, retried: 2, failed: 0, dropped: 0 });
  });
});
