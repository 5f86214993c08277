// Fault injection: every retry rule and error class the wrapper records.
import OpenAI, { AzureOpenAI } from "openai";
import { delay, http, HttpResponse } from "msw";
import { useMockedVendorApi } from "@tracehub/test-support";
import { describe, expect, it } from "vitest";
import { instrumentOpenAI } from "../src/index.js";
import { CHAT_COMPLETION } from "./fixtures.js";
import { RATE_LIMIT_HEADERS } from "./helpers.js";

const URL = "https://api.openai.com/v1/chat/completions";
const { server, received, tracing: t, replyTo } = useMockedVendorApi();

const ask = (openai: OpenAI) => openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] });

describe("retries", () => {
  it("records a 429 then success: retry count 1, a retry event, rate limits from the final response", async () => {
    let attempt = 0;
    replyTo(URL, () => {
      if (attempt++ === 0) {
        // No body: msw never settles the cancel of a body the SDK drops before retrying (the bare SDK hangs
        // too). loopback.test.ts covers a 429 with a JSON body on a real connection.
        return new HttpResponse(null, {
          status: 429,
          headers: { "retry-after-ms": "5", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s" },
        });
      }
      return HttpResponse.json(CHAT_COMPLETION, { headers: RATE_LIMIT_HEADERS });
    });
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-test", maxRetries: 2 }), { hub: t.hub });
    const completion = await ask(openai);
    expect(completion.id).toBe("chatcmpl-1");
    expect(received.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", retryCount: 1 });
    expect(span!.rateLimit?.requests).toMatchObject({ limit: 500, remaining: 499 });
    expect(span!.events).toEqual([
      expect.objectContaining({
        name: "retry",
        attributes: { "retry.attempt": 1, "http.response.status_code": 429, "http.response.header.retry-after": "5" },
      }),
    ]);
  });

  it("records a 429 that outlasts the retries as a rate_limit error, with the headers of the last answer", async () => {
    let attempt = 0;
    const headers = { "retry-after": "0", "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "6ms" };
    server.use(
      http.post(URL, () =>
        attempt++ === 0
          ? new HttpResponse(null, { status: 429, headers })
          : HttpResponse.json({ error: { message: "Rate limit reached", code: "rate_limit_exceeded" } }, { status: 429, headers }),
      ),
    );
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-test", maxRetries: 1 }), { hub: t.hub });
    const before = Date.now();
    await expect(ask(openai)).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", retryCount: 1, error: { type: "RateLimitError", category: "rate_limit" } });
    expect(span!.rateLimit?.tokens?.remaining).toBe(0);
    expect(span!.rateLimit?.tokens?.resetAt).toBeGreaterThanOrEqual(before + 6);
    expect(span!.attributes["http.response.header.retry-after"]).toBe("0");
  });

  it("records a connection failure that was retried, then succeeded", async () => {
    let attempt = 0;
    server.use(http.post(URL, () => (attempt++ === 0 ? HttpResponse.error() : HttpResponse.json(CHAT_COMPLETION))));
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-test", maxRetries: 1 }), { hub: t.hub });
    await ask(openai);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", retryCount: 1 });
    expect(span!.events[0]).toMatchObject({ name: "retry", attributes: { "retry.attempt": 1, "error.type": "TypeError" } });
  });
});

describe("errors", () => {
  it("records a timeout as category timeout", async () => {
    server.use(
      http.post(URL, async () => {
        await delay(300);
        return HttpResponse.json(CHAT_COMPLETION);
      }),
    );
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-test", maxRetries: 0, timeout: 20 }), { hub: t.hub });
    await expect(ask(openai)).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", timeoutMs: 20, error: { type: "APIConnectionTimeoutError", category: "timeout" } });
  });

  it("records a call the caller aborted as cancelled", async () => {
    server.use(
      http.post(URL, async () => {
        await delay(300);
        return HttpResponse.json(CHAT_COMPLETION);
      }),
    );
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-test", maxRetries: 0 }), { hub: t.hub });
    const controller = new AbortController();
    const pending = openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    const [span] = await t.spans(1);
    expect(span!.error).toMatchObject({ type: "APIUserAbortError", category: "cancelled" });
  });

  it.each([
    [401, { message: "bad key" }, "AuthenticationError", "auth"],
    [403, { message: "no access" }, "PermissionDeniedError", "auth"],
    [400, { message: "bad", code: "invalid_value" }, "BadRequestError", "bad_request"],
    [400, { message: "filtered", code: "content_filter" }, "BadRequestError", "content_filter"],
    [404, { message: "no such model" }, "NotFoundError", "not_found"],
    [500, { message: "boom" }, "InternalServerError", "server"],
  ])("records HTTP %i as %s (%s)", async (status, error, type, category) => {
    server.use(http.post(URL, () => HttpResponse.json({ error }, { status })));
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-test", maxRetries: 0 }), { hub: t.hub });
    await expect(ask(openai)).rejects.toThrow();
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", error: { type, category } });
    expect(span!.attributes["http.response.status_code"]).toBe(status);
  });
});

describe("providers from the base URL", () => {
  it("records Azure for an AzureOpenAI client", async () => {
    const azureUrl = "https://my-res.openai.azure.com/openai/deployments/gpt4o/chat/completions";
    replyTo(azureUrl, () => HttpResponse.json(CHAT_COMPLETION));
    const azure = instrumentOpenAI(
      new AzureOpenAI({ apiKey: "az-key", endpoint: "https://my-res.openai.azure.com", apiVersion: "2024-10-21", deployment: "gpt4o", maxRetries: 0 }),
      { hub: t.hub },
    );
    await azure.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "x" }] });
    expect(received[0]!.url).toBe(`${azureUrl}?api-version=2024-10-21`);
    expect(received[0]!.headers["api-key"]).toBe("az-key");
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ provider: "azure", status: "ok" });
    expect(span!.attributes["server.address"]).toBe("my-res.openai.azure.com");
  });

  it("records OpenRouter, with its single-window rate-limit headers", async () => {
    server.use(
      http.post("https://openrouter.ai/api/v1/chat/completions", () =>
        HttpResponse.json(CHAT_COMPLETION, { headers: { "x-ratelimit-limit": "20", "x-ratelimit-remaining": "19", "x-ratelimit-reset": "1893456000000" } }),
      ),
    );
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "or-key", baseURL: "https://openrouter.ai/api/v1" }), { hub: t.hub });
    await ask(openai);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ provider: "openrouter", rateLimit: { requests: { limit: 20, remaining: 19, resetAt: 1893456000000 } } });
  });
});
