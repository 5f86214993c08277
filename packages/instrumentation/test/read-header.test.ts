import { describe, expect, it } from "vitest";
import { readRequestHeader, urlPath } from "../src/http/read-header.js";

describe("readRequestHeader", () => {
  it("reads Headers (openai v5+, anthropic), plain records (openai v4) and arrays of pairs, case-insensitively", () => {
    expect(readRequestHeader(new Headers({ "X-Stainless-Retry-Count": "2" }), "x-stainless-retry-count")).toBe("2");
    expect(readRequestHeader({ "X-Stainless-Retry-Count": 1 }, "x-stainless-retry-count")).toBe("1");
    expect(readRequestHeader([["x-stainless-retry-count", "3"]], "x-stainless-retry-count")).toBe("3");
  });

  it("returns undefined for absent headers and for no headers at all", () => {
    expect(readRequestHeader(new Headers(), "x-a")).toBeUndefined();
    expect(readRequestHeader({ b: "1" }, "x-a")).toBeUndefined();
    expect(readRequestHeader([["b", "1"]], "x-a")).toBeUndefined();
    expect(readRequestHeader(undefined, "x-a")).toBeUndefined();
  });
});

describe("urlPath", () => {
  it("drops the query of a string, URL or Request", () => {
    expect(urlPath("https://api.example.com/v1/messages?beta=true")).toBe("https://api.example.com/v1/messages");
    expect(urlPath(new URL("https://api.example.com/v1/chat/completions?api-version=1"))).toBe("https://api.example.com/v1/chat/completions");
    expect(urlPath(new Request("https://api.example.com/v1/embeddings"))).toBe("https://api.example.com/v1/embeddings");
  });
});
