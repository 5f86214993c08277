// Reset times in every form providers send (moved here from @tracehub/openai's
// parsing tests with the code), header counts, and one window read by names.
import { describe, expect, it } from "vitest";
import { parseCount, parseDurationMs, parseResetAt, readRateLimitWindow } from "../src/index.js";

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

describe("parseCount", () => {
  it("accepts non-negative numbers only", () => {
    expect(parseCount("42")).toBe(42);
    expect(parseCount("0")).toBe(0);
    expect(parseCount("-1")).toBeUndefined();
    expect(parseCount("lots")).toBeUndefined();
    expect(parseCount("  ")).toBeUndefined();
    expect(parseCount(null)).toBeUndefined();
  });
});

describe("readRateLimitWindow", () => {
  const names = { limit: "x-limit", remaining: "x-remaining", reset: "x-reset" };

  it("reads the three named headers, the reset relative to when the response arrived", () => {
    const headers = new Headers({ "x-limit": "500", "x-remaining": "499", "x-reset": "1s" });
    expect(readRateLimitWindow(headers, names, 1_000)).toEqual({ limit: 500, remaining: 499, resetAt: 2_000 });
  });

  it("keeps what is usable and returns undefined when nothing is", () => {
    expect(readRateLimitWindow(new Headers({ "x-remaining": "3", "x-limit": "many" }), names, 0)).toEqual({ remaining: 3 });
    expect(readRateLimitWindow(new Headers({ "x-limit": "many", "x-reset": "later" }), names, 0)).toBeUndefined();
    expect(readRateLimitWindow(new Headers(), names, 0)).toBeUndefined();
  });
});
