import { describe, expect, it } from "vitest";
import { categorizeSdkError, parseRateLimitHeaders, serverFromBaseURL } from "../src/index.js";

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
