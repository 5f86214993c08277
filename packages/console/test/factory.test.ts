import { describe, expect, it } from "vitest";
import type { AdapterSettings } from "@tracehub/core";
import { ConsoleAdapter, tracehubAdapter } from "../src/index.js";
import { memoryStream } from "./fixtures.js";

const settings: AdapterSettings = { serviceName: "test", debug: false, log: { debug() {}, warn() {} } };

describe("tracehubAdapter", () => {
  it('is named "console" and never auto-detected', () => {
    expect(tracehubAdapter.name).toBe("console");
    expect(tracehubAdapter.detect({ TRACEHUB_CONSOLE_FORMAT: "json", LANGFUSE_PUBLIC_KEY: "pk" })).toBe(false);
  });

  it("creates a console adapter from env and options", async () => {
    const stream = memoryStream();
    const result = await tracehubAdapter.create({ TRACEHUB_CONSOLE_FORMAT: "json" }, { stream }, settings);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.adapter).toBeInstanceOf(ConsoleAdapter);
    expect((result.adapter as ConsoleAdapter).format).toBe("json");
  });

  it("reports a bad TRACEHUB_CONSOLE_FORMAT as a ConfigProblem with the fix", async () => {
    const result = await tracehubAdapter.create({ TRACEHUB_CONSOLE_FORMAT: "xml" }, undefined, settings);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          source: "TRACEHUB_CONSOLE_FORMAT",
          problem: 'TRACEHUB_CONSOLE_FORMAT is "xml": expected "pretty" or "json"',
          fix: "Set TRACEHUB_CONSOLE_FORMAT=pretty or TRACEHUB_CONSOLE_FORMAT=json, or unset it for pretty",
        },
      ],
    });
  });

  it("ignores the env format when code sets one, and treats a blank one as unset", async () => {
    expect((await tracehubAdapter.create({ TRACEHUB_CONSOLE_FORMAT: "xml" }, { format: "json" }, settings)).ok).toBe(true);
    expect((await tracehubAdapter.create({ TRACEHUB_CONSOLE_FORMAT: "  " }, undefined, settings)).ok).toBe(true);
  });

  it("lists every invalid option, unknown keys included", async () => {
    const result = await tracehubAdapter.create(
      {},
      { format: "yaml", stream: {}, color: "always", maxPendingTraces: 0, colour: true },
      settings,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.source).sort()).toEqual([
      "adapterOptions.console.color",
      "adapterOptions.console.colour",
      "adapterOptions.console.format",
      "adapterOptions.console.maxPendingTraces",
      "adapterOptions.console.stream",
    ]);
    expect(result.problems.find((p) => p.source.endsWith(".colour"))?.problem).toBe("unknown option colour");
  });
});
