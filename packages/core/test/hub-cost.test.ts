// Cost through the hub: computed before any adapter sees the span, the
// caller's cost winning, overrides from code and from TRACEHUB_PRICING_FILE,
// a bad price file stopping createHub, unknown models, and trace totals.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, createHub, traceTotals } from "../src/index.js";
import { recordingLogger } from "./config-helpers.js";
import { memoryHub } from "./helpers.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracehub-pricing-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const writeJson = (name: string, value: unknown): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
};

describe("cost at end()", () => {
  it("prices a generation from its usage before adapters see it", async () => {
    const { hub, memory } = await memoryHub();
    await hub.span("generate", { kind: "llm", model: "gpt-4o-2024-08-06", provider: "openai" }, (s) => {
      s.setUsage({ input: 1_000, cacheRead: 600, output: 200 });
    });
    await hub.flush();
    const cost = memory.find("generate")!.cost!;
    expect(cost.input).toBeCloseTo(400 * 2.5e-6 + 600 * 1.25e-6, 12);
    expect(cost.output).toBeCloseTo(200 * 10e-6, 12);
    expect(cost.total).toBeCloseTo(cost.input! + cost.output!, 12);
  });

  it("keeps a cost the caller set", async () => {
    const { hub, memory } = await memoryHub();
    await hub.span("generate", { kind: "llm", model: "gpt-4o" }, (s) => {
      s.setUsage({ input: 1_000, output: 200 });
      s.setCost({ total: 0.42 });
    });
    await hub.flush();
    expect(memory.find("generate")!.cost).toEqual({ total: 0.42 });
  });

  it("uses prices from code over the table", async () => {
    const { hub, memory } = await memoryHub({
      pricing: { models: [{ model: "gpt-4o", prices: { input: 100, output: 200 } }] },
    });
    await hub.span("generate", { kind: "llm", model: "openai/gpt-4o" }, (s) => s.setUsage({ input: 1_000_000, output: 0 }));
    await hub.flush();
    expect(memory.find("generate")!.cost!.total).toBeCloseTo(100, 9);
  });

  it("gives an unknown model no cost and says so once, as a debug note", async () => {
    const log = recordingLogger();
    const { hub, memory } = await memoryHub({ debug: true, log });
    for (let i = 0; i < 3; i++) {
      await hub.span("generate", { kind: "llm", model: "acme-private-7b", provider: "acme" }, (s) => s.setUsage({ input: 10, output: 5 }));
    }
    await hub.flush();
    expect(memory.spans.map((s) => s.cost)).toEqual([undefined, undefined, undefined]);
    const notes = log.debugs.filter((m) => m.includes("acme-private-7b"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("no price");
    expect(log.warns).toEqual([]);
  });

  it("sums cost and tokens by model in trace totals", async () => {
    const { hub, memory } = await memoryHub();
    await hub.trace("rag", async () => {
      await hub.span("a", { kind: "llm", model: "gpt-4o-mini" }, (s) => s.setUsage({ input: 1_000_000, output: 0 }));
      await hub.span("b", { kind: "llm", model: "gpt-4o-mini" }, (s) => s.setUsage({ input: 0, output: 1_000_000 }));
      await hub.span("c", { kind: "llm", model: "claude-3-5-haiku-20241022" }, (s) => s.setUsage({ input: 1_000_000, output: 0 }));
    });
    await hub.flush();
    const totals = traceTotals(memory.spans);
    expect(totals.byModel["gpt-4o-mini"]!.costTotal).toBeCloseTo(0.15 + 0.6, 9);
    expect(totals.byModel["gpt-4o-mini"]!.usage.input).toBe(1_000_000);
    expect(totals.byModel["claude-3-5-haiku-20241022"]!.costTotal).toBeCloseTo(0.8, 9);
    expect(totals.cost).toEqual({ total: expect.closeTo(0.15 + 0.6 + 0.8, 9), spanCount: 3 });
  });
});

describe("TRACEHUB_PRICING_FILE", () => {
  it("adds and overrides prices; code still wins over the file", async () => {
    const file = writeJson("prices.json", {
      models: [
        { model: "acme-llm", prices: { input: 1, output: 2 } },
        { model: "gpt-4o-mini", match: "^gpt-4o-mini$", prices: { input: 9, output: 9 } },
        { model: "gpt-4o", prices: { input: 7, output: 7 } },
      ],
    });
    const { hub, memory } = await memoryHub({
      env: { TRACEHUB_PRICING_FILE: file },
      pricing: { models: [{ model: "gpt-4o", prices: { input: 3, output: 3 } }] },
    });
    const usage = { input: 1_000_000, output: 0 };
    for (const model of ["acme-llm", "gpt-4o-mini", "gpt-4o"]) {
      await hub.span(model, { kind: "llm", model }, (s) => s.setUsage(usage));
    }
    await hub.flush();
    expect(memory.find("acme-llm")!.cost!.total).toBeCloseTo(1, 9);
    expect(memory.find("gpt-4o-mini")!.cost!.total).toBeCloseTo(9, 9);
    expect(memory.find("gpt-4o")!.cost!.total).toBeCloseTo(3, 9);
  });

  it("stops createHub with one problem that lists what is wrong in a bad file", async () => {
    const file = writeJson("bad.json", [
      { model: "a", prices: { input: -1, output: 2 } },
      { model: "b", match: "([unclosed", prices: { input: 1 } },
      { prices: { input: 1 } },
    ]);
    const error = await createHub({ env: { TRACEHUB_PRICING_FILE: file }, registerShutdownHooks: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.source).toBe("TRACEHUB_PRICING_FILE");
    expect(problems[0]!.problem).toContain("[0].prices.input is -1: expected a number of USD per 1M tokens, 0 or more");
    expect(problems[0]!.problem).toContain('[1].match is "([unclosed": expected a valid regular expression');
    expect(problems[0]!.problem).toContain("[2].model is missing: expected a non-empty model id");
  });

  it("reports a missing file and a file that is not JSON", async () => {
    for (const [file, expected] of [
      [path.join(dir, "nope.json"), "cannot be read (ENOENT)"],
      [writeJson("broken.json", "{ not json"), "is not valid JSON"],
    ] as const) {
      const error = await createHub({ env: { TRACEHUB_PRICING_FILE: file }, registerShutdownHooks: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain(expected);
    }
  });

  it("reports bad pricing options given in code", async () => {
    const error = await createHub({
      env: {},
      registerShutdownHooks: false,
      pricing: { models: [{ model: "x", prices: { input: Number.NaN } }] },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain("options.pricing.models[0].prices.input");
    expect((error as ConfigError).message).toContain("USD per 1M tokens");
  });
});
