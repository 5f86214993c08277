import { describe, expect, it } from "vitest";
import { z } from "zod";
import { adapterOptionProblems } from "../src/index.js";

describe("adapterOptionProblems", () => {
  const schema = z.strictObject({ url: z.string().url(), timeoutMs: z.number().int().positive(), apiKey: z.string() });
  const describe = { known: Object.keys(schema.shape), expected: { url: "an http(s) URL", timeoutMs: "a whole number above 0" } };

  it("lists every unknown key and every bad option once, without quoting values", () => {
    const parsed = schema.safeParse({ url: "not a url sk-SECRET", timeoutMs: -1.5, apiKey: 42, colour: 1, extra: 2 });
    expect(parsed.success).toBe(false);
    const problems = adapterOptionProblems("demo", parsed.error!.issues, describe);
    expect(problems.map((p) => p.source).sort()).toEqual([
      "adapterOptions.demo.apiKey",
      "adapterOptions.demo.colour",
      "adapterOptions.demo.extra",
      "adapterOptions.demo.timeoutMs",
      "adapterOptions.demo.url",
    ]);
    expect(problems.find((p) => p.source.endsWith(".colour"))).toEqual({
      source: "adapterOptions.demo.colour",
      problem: "unknown option colour",
      fix: "Remove it; the demo adapter takes url, timeoutMs, apiKey",
    });
    expect(problems.find((p) => p.source.endsWith(".timeoutMs"))?.problem).toBe(
      "adapterOptions.demo.timeoutMs is not valid: expected a whole number above 0",
    );
    expect(problems.find((p) => p.source.endsWith(".apiKey"))?.problem).toContain("expected a valid value");
    expect(JSON.stringify(problems)).not.toContain("SECRET");
  });

  it("reports options that are not an object at the root", () => {
    const parsed = schema.safeParse("nope");
    expect(adapterOptionProblems("demo", parsed.error!.issues, describe)).toEqual([
      { source: "adapterOptions.demo", problem: "adapterOptions.demo is not valid: expected an object", fix: "Pass an object as adapterOptions.demo, or leave it out" },
    ]);
  });
});
