import { describe, expect, it } from "vitest";
import { describeFetchError } from "../src/index.js";

describe("describeFetchError", () => {
  it("names a timeout or abort by its limit", () => {
    expect(describeFetchError(new DOMException("signal timed out", "TimeoutError"), 2500)).toBe("request timed out after 2500 ms");
    expect(describeFetchError(new DOMException("aborted", "AbortError"), 10)).toBe("request timed out after 10 ms");
  });

  it("reports the socket error fetch keeps in its cause, with its code once", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    expect(describeFetchError(new TypeError("fetch failed", { cause: refused }), 1)).toBe("network error: connect ECONNREFUSED 127.0.0.1:9");
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(describeFetchError(new TypeError("fetch failed", { cause: reset }), 1)).toBe("network error: socket hang up (ECONNRESET)");
    expect(describeFetchError(new TypeError("fetch failed"), 1)).toBe("network error: fetch failed");
    expect(describeFetchError("odd", 1)).toBe("network error: odd");
  });

  it("keeps the line bounded", () => {
    const text = describeFetchError(new Error("x".repeat(1000)), 1);
    expect(text).toBe(`network error: ${"x".repeat(197)}...`);
  });
});
