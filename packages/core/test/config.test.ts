// resolveHubConfig end to end: one ConfigError with every problem, precedence
// code > env > defaults, `none`, auto-detection, and secrets kept out of errors.
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InMemoryAdapter } from "../src/adapters/in-memory-adapter.js";
import { ConfigError } from "../src/config/config-error.js";
import { resolveHubConfig } from "../src/config/resolve-hub-config.js";
import { fakeAdapter, fakeFactory, recordingLogger, removeDir, tempAppDir } from "./config-helpers.js";

// An application directory with nothing installed: no @tracehub/* package resolves from it.
const emptyApp = tempAppDir();
afterAll(() => removeDir(emptyApp));

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}


/**
 * In this workspace every adapter package sits next to core; an application
 * that installed only core has none. This importer makes core's own bare
 * `import("@tracehub/…")` fail as it would there, so only the cwd lookup
 * (an empty app directory) decides.
 */
const coreCannotSeeAdapters = async (specifier: string): Promise<unknown> => {
  if (specifier.startsWith("@tracehub/")) {
    throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: "ERR_MODULE_NOT_FOUND" });
  }
  return import(specifier);
};
/** …and the application directory has no adapter package either (under vitest, resolution can see the workspace). */
const onlyCore = { importModule: coreCannotSeeAdapters, resolveFromApp: () => ({ kind: "missing" as const }) };

describe("ConfigError collects every problem at once", () => {
  it("reports bad values, a missing package and a factory's own problems in one error", async () => {
    const fake = fakeFactory("fake", {
      ok: false,
      problems: [
        { source: "FAKE_API_KEY", problem: "FAKE_API_KEY is not set", fix: "Set FAKE_API_KEY to your project's key" },
        { source: "FAKE_REGION", problem: 'FAKE_REGION is "mars": expected eu or us', fix: "Set FAKE_REGION=eu" },
      ],
    });

    const error = await configError(
      resolveHubConfig({
        env: { TRACEHUB_SAMPLE_RATE: "abc", TRACEHUB_HIDE_INPUTS: "maybe", TRACEHUB_EXPORTERS: "langfuse,fake" },
        adapterFactories: { fake },
        cwd: emptyApp,
      }, onlyCore),
    );

    expect(error.problems.map((p) => p.source).sort()).toEqual(
      ["FAKE_API_KEY", "FAKE_REGION", "TRACEHUB_EXPORTERS", "TRACEHUB_HIDE_INPUTS", "TRACEHUB_SAMPLE_RATE"].sort(),
    );
    for (const problem of error.problems) expect(problem.fix.length).toBeGreaterThan(5);

    const lines = error.message.split("\n");
    expect(lines[0]).toBe("tracehub configuration has 5 problems:");
    expect(lines.slice(1)).toHaveLength(5);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}- .+ Fix: .+/);
    expect(error.message).toContain('TRACEHUB_SAMPLE_RATE is "abc": expected a number from 0 to 1');
    expect(error.message).toContain('TRACEHUB_HIDE_INPUTS is "maybe": expected true or false');
    expect(error.message).toContain(
      'TRACEHUB_EXPORTERS names "langfuse" but @tracehub/langfuse is not installed. ' +
        "Fix: pnpm add @tracehub/langfuse (or npm install @tracehub/langfuse)",
    );
    expect(error.message).toContain("FAKE_REGION");
  });

  it("reports invalid code options beside invalid env values", async () => {
    const error = await configError(
      resolveHubConfig({
        env: { TRACEHUB_MAX_FIELD_BYTES: "-5" },
        sampleRate: 2,
        queue: { initialBackoffMs: 1_000, maxBackoffMs: 10 },
        exporters: [],
      }),
    );
    expect(error.problems.map((p) => p.source)).toEqual([
      "options.sampleRate",
      "options.queue.maxBackoffMs",
      "TRACEHUB_MAX_FIELD_BYTES",
    ]);
    expect(error.message).toContain("options.sampleRate is 2: expected a number from 0 to 1");
  });

  it("reports a non-text env value instead of crashing on it", async () => {
    const env = { TRACEHUB_SAMPLE_RATE: 0.5 } as unknown as Record<string, string>;
    const error = await configError(resolveHubConfig({ env }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        source: "options.env.TRACEHUB_SAMPLE_RATE",
        problem: "options.env.TRACEHUB_SAMPLE_RATE is 0.5: expected a string, as environment values are",
      }),
    ]);
  });

  it("shuts down adapters it built before failing, and leaves the caller's instances alone", async () => {
    const built = fakeAdapter("good");
    const mine = fakeAdapter("mine");
    await configError(
      resolveHubConfig({
        env: { TRACEHUB_EXPORTERS: "good,bad" },
        adapters: [mine],
        adapterFactories: {
          good: fakeFactory("good", { ok: true, adapter: built }),
          bad: fakeFactory("bad", { ok: false, problems: [] }),
        },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(built.shutdownCalls).toBe(1);
    expect(mine.shutdownCalls).toBe(0);
  });
});

describe("precedence: code, then environment, then defaults", () => {
  const env = {
    TRACEHUB_EXPORTERS: "none",
    TRACEHUB_SAMPLE_RATE: "0.5",
    TRACEHUB_HIDE_INPUTS: "YES",
    TRACEHUB_HIDE_OUTPUTS: "0",
    TRACEHUB_SERVICE_NAME: "from-tracehub-env",
    OTEL_SERVICE_NAME: "from-otel-env",
    TRACEHUB_ENVIRONMENT: "staging",
    TRACEHUB_RELEASE: "1.2.3",
    TRACEHUB_SPOOL_DIR: "/var/spool/tracehub",
    TRACEHUB_DEBUG: "true",
    TRACEHUB_MAX_FIELD_BYTES: "2048",
    TRACEHUB_FLUSH_INTERVAL_MS: "250",
    TRACEHUB_MAX_QUEUE_SPANS: "500",
    TRACEHUB_MAX_QUEUE_BYTES: "65536",
  };

  it("uses defaults when nothing is set", async () => {
    const config = await resolveHubConfig({ env: {}, log: recordingLogger() });
    expect(config).toMatchObject({
      serviceName: "unknown_service:node",
      sampleRate: 1,
      hideInputs: false,
      hideOutputs: false,
      debug: false,
      maxFieldBytes: 1_000_000,
      spoolDir: path.join(os.tmpdir(), "tracehub-spool"),
      registerShutdownHooks: true,
      adapters: [],
      queue: {},
    });
    expect(config.environment).toBeUndefined();
    expect(config.release).toBeUndefined();
  });

  it("takes the environment over defaults", async () => {
    const config = await resolveHubConfig({ env, log: recordingLogger() });
    expect(config).toMatchObject({
      serviceName: "from-tracehub-env",
      sampleRate: 0.5,
      hideInputs: true,
      hideOutputs: false,
      environment: "staging",
      release: "1.2.3",
      spoolDir: path.resolve("/var/spool/tracehub"),
      debug: true,
      maxFieldBytes: 2048,
      flushIntervalMs: 250,
      maxQueueItems: 500,
      maxQueueBytes: 65536,
    });
  });

  it("falls back from TRACEHUB_SERVICE_NAME to OTEL_SERVICE_NAME", async () => {
    const config = await resolveHubConfig({ env: { OTEL_SERVICE_NAME: "from-otel-env" } });
    expect(config.serviceName).toBe("from-otel-env");
  });

  it("takes code over the environment, and ignores a bad env value that code overrides", async () => {
    const mask = (value: unknown): unknown => value;
    const config = await resolveHubConfig({
      env: { ...env, TRACEHUB_SAMPLE_RATE: "not-a-number" },
      serviceName: "from-code",
      sampleRate: 0.1,
      hideInputs: false,
      hideOutputs: true,
      environment: "production",
      release: "9.9.9",
      spoolDir: "/srv/spool",
      debug: false,
      maxFieldBytes: 10,
      flushIntervalMs: 20,
      maxQueueItems: 30,
      maxQueueBytes: 40,
      mask,
      registerShutdownHooks: false,
      queue: { maxAttempts: 3 },
    });
    expect(config).toMatchObject({
      serviceName: "from-code",
      sampleRate: 0.1,
      hideInputs: false,
      hideOutputs: true,
      environment: "production",
      release: "9.9.9",
      spoolDir: path.resolve("/srv/spool"),
      debug: false,
      maxFieldBytes: 10,
      flushIntervalMs: 20,
      maxQueueItems: 30,
      maxQueueBytes: 40,
      registerShutdownHooks: false,
      queue: { maxAttempts: 3 },
    });
    expect(config.mask).toBe(mask);
  });

  it("takes options.exporters over TRACEHUB_EXPORTERS", async () => {
    const memoryFromCode = await resolveHubConfig({ env: { TRACEHUB_EXPORTERS: "langfuse" }, exporters: ["memory"] });
    expect(memoryFromCode.adapters).toHaveLength(1);
    expect(memoryFromCode.adapters[0]).toBeInstanceOf(InMemoryAdapter);
  });
});

describe("choosing exporters", () => {
  it("`none` switches every exporter off, auto-detection included, but keeps code instances", async () => {
    const langfuse = fakeFactory("langfuse");
    const mine = fakeAdapter("mine");
    const config = await resolveHubConfig({
      env: { TRACEHUB_EXPORTERS: "None", LANGFUSE_PUBLIC_KEY: "pk-lf-1234" },
      adapterFactories: { langfuse },
      adapters: [mine],
    });
    expect(config.adapters).toEqual([mine]);
    expect(langfuse.createCalls).toEqual([]);
  });

  it("rejects `none` mixed with other names", async () => {
    const error = await configError(resolveHubConfig({ env: { TRACEHUB_EXPORTERS: "none,console" } }));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.problem).toContain('"none" cannot be combined');
  });

  it("auto-detects from the vendors' keys when no exporter is named, beside code instances", async () => {
    const langfuse = fakeFactory("langfuse");
    const langsmith = fakeFactory("langsmith");
    const otlp = fakeFactory("otlp");
    const mine = fakeAdapter("mine");
    const config = await resolveHubConfig({
      env: { LANGFUSE_PUBLIC_KEY: "pk-lf-1234", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://localhost:4318/v1/traces" },
      adapterFactories: { langfuse, langsmith, otlp },
      adapterOptions: { langfuse: { flushAt: 5 } },
      adapters: [mine],
      serviceName: "svc",
    });
    expect(config.adapters.map((a) => a.name)).toEqual(["langfuse", "otlp", "mine"]);
    expect(langfuse.createCalls).toEqual([{ options: { flushAt: 5 }, serviceName: "svc" }]);
    expect(langsmith.createCalls).toEqual([]);
  });

  it("an auto-detected exporter whose package is missing is only a debug note", async () => {
    const log = recordingLogger();
    const config = await resolveHubConfig(
      { env: { LANGFUSE_PUBLIC_KEY: "pk-lf-1234", TRACEHUB_DEBUG: "1" }, cwd: emptyApp, log },
      onlyCore,
    );
    expect(config.adapters).toEqual([]);
    expect(log.debugs.some((m) => m.includes("@tracehub/langfuse is not installed") && m.includes("pnpm add"))).toBe(
      true,
    );
    expect(log.warns).toEqual([]);
  });

  it("does not auto-detect LangSmith when its tracing is switched off", async () => {
    const langsmith = fakeFactory("langsmith");
    const config = await resolveHubConfig({
      env: { LANGSMITH_API_KEY: "lsv2-1234", LANGSMITH_TRACING: "false" },
      adapterFactories: { langsmith },
    });
    expect(config.adapters).toEqual([]);
    expect(langsmith.createCalls).toEqual([]);
  });

  it("builds the built-in memory exporter without any package", async () => {
    const config = await resolveHubConfig({ env: { TRACEHUB_EXPORTERS: "memory" }, cwd: emptyApp });
    expect(config.adapters[0]).toBeInstanceOf(InMemoryAdapter);
  });
});

describe("secrets never reach an error or a log line", () => {
  const SECRET = "sk-lf-SECRET123";

  it("scrubs a secret from a throwing factory's message and from a factory's problems", async () => {
    const error = await configError(
      resolveHubConfig({
        env: { TRACEHUB_EXPORTERS: "langfuse,other", LANGFUSE_SECRET_KEY: SECRET, LANGFUSE_PUBLIC_KEY: "pk-lf-1" },
        adapterFactories: {
          langfuse: fakeFactory("langfuse", () => {
            throw new Error(`401 from server: key ${SECRET} rejected`);
          }),
          other: fakeFactory("other", {
            ok: false,
            problems: [{ source: "OTHER", problem: `echoed ${SECRET} by mistake`, fix: `not ${SECRET}` }],
          }),
        },
      }),
    );
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain("the langfuse adapter failed while reading its settings: Error: 401 from server");
    expect(error.message).toContain("[REDACTED]");
    expect(error.message).not.toContain("SECRET123");
    expect(JSON.stringify(error.problems)).not.toContain("SECRET123");
  });

  it("scrubs secrets from adapter options too", async () => {
    const error = await configError(
      resolveHubConfig({
        env: { TRACEHUB_EXPORTERS: "langsmith" },
        adapterOptions: { langsmith: { apiKey: "lsv2_pt_CODEKEY999" } },
        adapterFactories: {
          langsmith: fakeFactory("langsmith", () => Promise.reject(new Error("bad lsv2_pt_CODEKEY999"))),
        },
      }),
    );
    expect(error.message).not.toContain("CODEKEY999");
  });

  it("returns the secrets for the delivery queue and scrubs them from log lines", async () => {
    const log = recordingLogger();
    const config = await resolveHubConfig({ env: { LANGFUSE_SECRET_KEY: SECRET, TRACEHUB_EXPORTERS: "none" }, log });
    expect(config.secrets).toContain(SECRET);
    config.log.warn(`failed with ${SECRET}`);
    config.log.debug("hidden: debug is off");
    expect(log.warns).toEqual(["failed with [REDACTED]"]);
    expect(log.debugs).toEqual([]);
  });
});
