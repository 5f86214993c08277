import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from "../src/delivery/retry-after.js";

const NOW = Date.parse("2025-03-01T12:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("7", NOW)).toBe(7000);
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("  120 ", NOW)).toBe(120_000);
  });

  it("reads decimal seconds, rounding up to whole milliseconds", () => {
    expect(parseRetryAfter("1.5", NOW)).toBe(1500);
    expect(parseRetryAfter("0.0004", NOW)).toBe(1);
  });

  it("reads an HTTP-date in the future as the time until it", () => {
    expect(parseRetryAfter("Sat, 01 Mar 2025 12:00:30 GMT", NOW)).toBe(30_000);
    // RFC 850 and asctime forms are obsolete but still valid HTTP-dates.
    expect(parseRetryAfter("Saturday, 01-Mar-25 12:00:10 GMT", NOW)).toBe(10_000);
    // asctime has no zone but means GMT, whatever the local time zone.
    expect(parseRetryAfter("Sat Mar  1 12:00:05 2025", NOW)).toBe(5000);
  });

  it("gives 0 for an HTTP-date in the past", () => {
    expect(parseRetryAfter("Sat, 01 Mar 2025 11:59:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT", NOW)).toBe(0);
  });

  it("clamps absurd delays", () => {
    expect(parseRetryAfter("86400", NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("9".repeat(400), NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("Fri, 01 Mar 2030 12:00:00 GMT", NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it("returns undefined for missing or unreadable values", () => {
    for (const value of [undefined, null, "", "   ", "soon", "-5", "1e3", "5s", "0x10", "Soonday 5", "Mon, garbage", "Mon, 5"]) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
    }
  });

  it("uses the current time when none is given", () => {
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    const delay = parseRetryAfter(inOneMinute);
    // toUTCString drops milliseconds, so the delay lies within one second below a minute.
    expect(delay).toBeGreaterThan(58_000);
    expect(delay).toBeLessThanOrEqual(60_000);
  });
});
