import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay } from "../src/delivery/backoff.js";

describe("backoffDelay", () => {
  const options = { initialMs: 500, maxMs: 30_000 };

  it("draws uniformly below an exponentially growing ceiling", () => {
    const half = { ...options, random: () => 0.5 };
    expect([0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, half))).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it("is full jitter: 0 at the bottom of the draw, the ceiling at the top", () => {
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...options, random: () => 0.999_999 })).toBe(4000);
  });

  it("never exceeds maxMs, however many attempts", () => {
    const top = { ...options, random: () => 0.999_999 };
    expect(backoffDelay(6, top)).toBe(30_000);
    expect(backoffDelay(1_000, top)).toBe(30_000);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, top)).toBe(30_000);
  });

  it("stays within [0, min(max, initial * 2^attempt)] for any attempt and draw", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 80 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, draw) => {
          const delay = backoffDelay(attempt, { ...options, random: () => draw });
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(options.maxMs, options.initialMs * 2 ** attempt));
        },
      ),
    );
  });

  it("treats bad inputs as the first attempt or a zero ceiling instead of throwing", () => {
    const half = { ...options, random: () => 0.5 };
    expect(backoffDelay(-3, half)).toBe(250);
    expect(backoffDelay(Number.NaN, half)).toBe(250);
    expect(backoffDelay(2, { initialMs: Number.NaN, maxMs: 1000, random: () => 0.5 })).toBe(0);
    // A random source outside [0, 1) is clamped, never producing a negative or oversized wait.
    expect(backoffDelay(0, { ...options, random: () => 7 })).toBe(500);
    expect(backoffDelay(0, { ...options, random: () => -1 })).toBe(0);
  });

  it("uses Math.random by default", () => {
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(2, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(2000);
    }
  });
});
