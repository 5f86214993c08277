import { describe, expect, it } from "vitest";
import { formatCost, formatCount, formatDuration, formatUsage } from "../src/format-values.js";

describe("value formatting", () => {
  it("formats durations from sub-millisecond to hours", () => {
    expect([0.423, 4.25, 120.4, 1234, 12_345, 125_000, 3_725_000].map(formatDuration)).toEqual([
      "0.42ms",
      "4.3ms",
      "120ms",
      "1.23s",
      "12.3s",
      "2m 05s",
      "1h 02m",
    ]);
    expect(formatDuration(-1)).toBe("?");
  });

  it("formats costs with sensible precision and never in exponent notation", () => {
    expect([0, 12.345, 0.5, 0.0123, 0.0031, 0.00000024, 1e-12].map(formatCost)).toEqual([
      "$0",
      "$12.35",
      "$0.50",
      "$0.0123",
      "$0.0031",
      "$0.00000024",
      "<$0.0000000001",
    ]);
  });

  it("groups thousands and describes token usage", () => {
    expect(formatCount(1_234_567)).toBe("1,234,567");
    expect(formatUsage({ input: 1200, output: 30, cacheWrite: 1000 })).toBe("1,200→30 tok (cache write 1,000)");
    expect(formatUsage({ output: 7 })).toBe("7 tok out");
    expect(formatUsage({ total: 9 })).toBe("9 tok");
    expect(formatUsage({})).toBeUndefined();
  });
});
