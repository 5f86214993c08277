import { describe, expect, it } from "vitest";
import { categorizeSdkError, parseDurationMs, parseRateLimitHeaders, parseResetAt, serverFromBaseURL } from "../src/index.js";

describe("parseDurationMs", () => {
  it.each([
    ["6ms", 6],
    ["1s", 1_000],
    ["6m0s", 360_000],
    ["1h2m3.5s", 3_723_500],
    ["0.5s", 500],
    ["250us", 0.25],
  ])("%s is %d ms", (text, ms) => expect(parseDurationMs(text)).toBeCloseTo(ms));

  it.each(["", "abc", "5", "1x", "s"])("rejects %j", (text) => expect(parseDurationMs(text)).toBeUndefined());
});

describe("parseResetAt", () => {
  const now = 1_700_000_000_000;
  it("reads durations, seconds, epoch seconds and ms, and dates", () => {
    expect(parseResetAt("6m0s", now)).toBe(now + 360_000);
    expect(parseResetAt("20", now)).toBe(now + 20_000);
    expect(parseResetAt("1893456000", now)).toBe(1_893_456_000_000);
    expect(parseResetAt("1893456000000", now)).toBe(1_893_456_000_000);
    expect(parseResetAt("2030-01-01T00:00:00Z", now)).toBe(Date.UTC(2030, 0, 1));
    expect(parseResetAt("soon", now)).toBeUndefined();
    expect(parseResetAt(null, now)).toBeUndefined();
  });
});

describe("parseRateLimitHeaders", () => {
  it("returns undefined without rate-limit headers and ignores garbage values", () => {
    expect(parseRateLimitHeaders(new Headers(), 0)).toBeUndefined();
    expect(parseRateLimitHeaders(new Headers({ "x-ratelimit-limit-requests": "lots" }), 0)).toBeUndefined();
  });
});

describe("serverFromBaseURL", () => {
  it.each([
    ["https://api.openai.com/v1", "openai", 443],
    ["https://res.openai.azure.com/openai", "azure", 443],
    ["https://openrouter.ai/api/v1", "openrouter", 443],
    ["https://api.groq.com/openai/v1", "groq", 443],
    ["http://localhost:11434/v1", "ollama", 11434],
    ["http://127.0.0.1:8000/v1", "vllm", 8000],
    ["http://localhost:8080/v1", "llama.cpp", 8080],
    ["http://127.0.0.1:9999/v1", "local", 9999],
    ["https://llm.internal.example.com/v1", "llm.internal.example.com", 443],
  ])("%s is %s", (url, provider, port) => {
    expect(serverFromBaseURL(url)).toMatchObject({ provider, port });
  });
});

describe("categorizeSdkError", () => {
  it("matches SDK classes by name through the prototype chain, then falls back to the status", () => {
    class APIError extends Error {}
    class APIConnectionError extends APIError {}
    class APIConnectionTimeoutError extends APIConnectionError {}
    class OverloadedError extends APIError {
      status = 529;
    }
    expect(categorizeSdkError(new APIConnectionTimeoutError())).toBe("timeout");
    expect(categorizeSdkError(new APIConnectionError())).toBe("network");
    expect(categorizeSdkError(new OverloadedError())).toBe("server");
    expect(categorizeSdkError(Object.assign(new APIError(), { status: 400, code: "content_filter" }))).toBe("content_filter");
    expect(categorizeSdkError("weird")).toBe("unknown");
  });
});
