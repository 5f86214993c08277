// The core's own variables: every accepted spelling, every rejected value
// reported at once, and code options checked by the same rules.
import { describe, expect, it } from "vitest";
import { readCoreEnv } from "../src/config/core-env.js";
import { validateHubOptions } from "../src/config/validate-options.js";

describe("readCoreEnv", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    ["1", true],
    ["yes", true],
    ["Yes", true],
    ["false", false],
    ["False", false],
    ["0", false],
    ["no", false],
    ["NO", false],
    [" true ", true],
  ])("reads the boolean %j as %s", (text, expected) => {
    const { values, problems } = readCoreEnv({
      TRACEHUB_HIDE_INPUTS: text,
      TRACEHUB_HIDE_OUTPUTS: text,
      TRACEHUB_DEBUG: text,
    });
    expect(problems).toEqual([]);
    expect(values).toEqual({ hideInputs: expected, hideOutputs: expected, debug: expected });
  });

  it.each(["0", "1", "0.25", ".5", "1.0", "1e-1"])("accepts the sample rate %j", (text) => {
    const { values, problems } = readCoreEnv({ TRACEHUB_SAMPLE_RATE: text });
    expect(problems).toEqual([]);
    expect(values.sampleRate).toBe(Number(text));
  });

  it.each(["abc", "-0.1", "1.5", "NaN", "Infinity", "0x1", "50%"])("rejects the sample rate %j", (text) => {
    const { values, problems } = readCoreEnv({ TRACEHUB_SAMPLE_RATE: text });
    expect(values.sampleRate).toBeUndefined();
    expect(problems).toEqual([
      {
        source: "TRACEHUB_SAMPLE_RATE",
        problem: `TRACEHUB_SAMPLE_RATE is "${text}": expected a number from 0 to 1`,
        fix: expect.stringContaining("TRACEHUB_SAMPLE_RATE=0.25"),
      },
    ]);
  });

  it("reports every bad variable, one problem each, and keeps the good ones", () => {
    const { values, problems } = readCoreEnv({
      TRACEHUB_SAMPLE_RATE: "2",
      TRACEHUB_HIDE_OUTPUTS: "sometimes",
      TRACEHUB_MAX_FIELD_BYTES: "0",
      TRACEHUB_FLUSH_INTERVAL_MS: "1.5",
      TRACEHUB_MAX_QUEUE_SPANS: "ten",
      TRACEHUB_MAX_QUEUE_BYTES: "-1",
      TRACEHUB_EXPORTERS: "console,../evil",
      TRACEHUB_DEBUG: "yes",
      TRACEHUB_RELEASE: "v7",
    });
    expect(problems.map((p) => p.source).sort()).toEqual(
      [
        "TRACEHUB_EXPORTERS",
        "TRACEHUB_FLUSH_INTERVAL_MS",
        "TRACEHUB_HIDE_OUTPUTS",
        "TRACEHUB_MAX_FIELD_BYTES",
        "TRACEHUB_MAX_QUEUE_BYTES",
        "TRACEHUB_MAX_QUEUE_SPANS",
        "TRACEHUB_SAMPLE_RATE",
      ].sort(),
    );
    expect(problems.find((p) => p.source === "TRACEHUB_EXPORTERS")?.problem).toContain(
      '"../evil" is not a valid exporter name',
    );
    expect(values).toEqual({ debug: true, release: "v7" });
  });

  it("parses the exporter list: trimmed, lower-cased, de-duplicated", () => {
    const { values } = readCoreEnv({ TRACEHUB_EXPORTERS: " Console, langfuse,,console ,OTLP" });
    expect(values.exporters).toEqual(["console", "langfuse", "otlp"]);
  });

  it("treats empty and blank variables as not set", () => {
    const { values, problems } = readCoreEnv({ TRACEHUB_SAMPLE_RATE: "", TRACEHUB_EXPORTERS: "  ", TRACEHUB_DEBUG: "" });
    expect(problems).toEqual([]);
    expect(values).toEqual({});
  });

  it("prefers TRACEHUB_SERVICE_NAME over OTEL_SERVICE_NAME", () => {
    expect(readCoreEnv({ TRACEHUB_SERVICE_NAME: "a", OTEL_SERVICE_NAME: "b" }).values.serviceName).toBe("a");
    expect(readCoreEnv({ OTEL_SERVICE_NAME: "b" }).values.serviceName).toBe("b");
  });
});

describe("validateHubOptions", () => {
  it("accepts no options and a full valid set", () => {
    expect(validateHubOptions(undefined)).toEqual([]);
    expect(
      validateHubOptions({
        env: {},
        exporters: ["console"],
        sampleRate: 0,
        hideInputs: true,
        maxFieldBytes: 1,
        mask: (v: unknown) => v,
        log: { debug() {}, warn() {} },
        queue: { maxAttempts: 1, initialBackoffMs: 10, maxBackoffMs: 10 },
      }),
    ).toEqual([]);
  });

  it("reports each invalid option with its path and what it takes", () => {
    const problems = validateHubOptions({
      sampleRate: -1,
      hideOutputs: "yes",
      flushIntervalMs: 0,
      mask: "redact",
      log: console.log,
      adapters: [{ name: "ok", export: async () => ({ kind: "ok" }) }, { name: "broken" }],
      queue: { maxAttempts: 2.5 },
    });
    expect(problems.map((p) => p.problem).sort()).toEqual(
      [
      "options.sampleRate is -1: expected a number from 0 to 1",
      'options.hideOutputs is "yes": expected true or false',
      "options.flushIntervalMs is 0: expected a whole number above 0",
      'options.mask is "redact": expected a function (value, field) => value',
      "options.log is a function: expected an object with debug(message) and warn(message) methods",
      "options.adapters[1] is an object: expected an adapter (an object with a name and an export method)",
      "options.queue.maxAttempts is 2.5: expected a whole number above 0",
      ].sort(),
    );
  });

  it("never echoes a value under a secret-looking option name", () => {
    const problems = validateHubOptions({ adapterFactories: { apiKey: "sk-should-not-show" } });
    expect(problems).toHaveLength(1);
    expect(JSON.stringify(problems)).not.toContain("sk-should-not-show");
  });
});
