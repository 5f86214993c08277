import { describe, expect, it } from "vitest";
import { anthropicUsage, parseAnthropicRateLimit } from "../src/index.js";

describe("anthropicUsage", () => {
  it("adds cache reads and writes to input_tokens (which excludes them)", () => {
    expect(anthropicUsage({ input_tokens: 10, cache_read_input_tokens: 90, cache_creation_input_tokens: 0, output_tokens: 5 })).toEqual({
      input: 100,
      output: 5,
      total: 105,
      cacheRead: 90,
    });
    expect(anthropicUsage({ output_tokens: 3 })).toEqual({ output: 3, total: 3 });
    expect(anthropicUsage(null)).toBeUndefined();
  });
});

describe("parseAnthropicRateLimit", () => {
  it("reads RFC 3339 resets and skips absent windows", () => {
    const headers = new Headers({ "anthropic-ratelimit-requests-remaining": "3", "anthropic-ratelimit-requests-reset": "2030-01-01T00:00:00Z" });
    expect(parseAnthropicRateLimit(headers, 0)).toEqual({ requests: { remaining: 3, resetAt: Date.UTC(2030, 0, 1) } });
    expect(parseAnthropicRateLimit(new Headers(), 0)).toBeUndefined();
  });
});
