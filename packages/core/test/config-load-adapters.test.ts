// Loading adapter packages by name from disk: the application-directory
// fallback that pnpm's strict layout needs, ESM and dual (CJS) packages, and
// every way a package can be missing or wrong.
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../src/config/config-error.js";
import { loadAdapterPackage } from "../src/config/load-adapter-package.js";
import { resolveHubConfig } from "../src/config/resolve-hub-config.js";
import { recordingLogger, removeDir, tempAppDir, writeFakePackage } from "./config-helpers.js";

const ESM_ADAPTER = `
export const tracehubAdapter = {
  name: "fakeadapter",
  detect: (env) => Boolean(env.FAKE_ADAPTER_KEY),
  create: (env, options, settings) => ({
    ok: true,
    adapter: {
      name: "fakeadapter",
      options,
      serviceName: settings.serviceName,
      export: async () => ({ kind: "ok" }),
    },
  }),
};
`;

const CJS_ADAPTER = `
exports.tracehubAdapter = {
  name: "dualadapter",
  detect: () => true,
  create: () => ({ ok: true, adapter: { name: "dualadapter", format: "cjs", export: async () => ({ kind: "ok" }) } }),
};
`;

let dirs: string[] = [];
function appDir(): string {
  const dir = tempAppDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs) removeDir(dir);
  dirs = [];
});

function writeEsmPackage(cwd: string, name: string, source: string): void {
  writeFakePackage(cwd, name, {
    "package.json": JSON.stringify({ name: `@tracehub/${name}`, type: "module", main: "./index.js" }),
    "index.js": source,
  });
}

describe("loading @tracehub/<name> from the application's directory", () => {
  it("finds a package that core itself cannot see, resolving it from cwd", async () => {
    const cwd = appDir();
    writeEsmPackage(cwd, "fakeadapter", ESM_ADAPTER);

    const config = await resolveHubConfig({
      env: { TRACEHUB_EXPORTERS: "fakeadapter" },
      cwd,
      serviceName: "checkout",
      adapterOptions: { fakeadapter: { region: "eu" } },
    });

    expect(config.adapters).toHaveLength(1);
    const adapter = config.adapters[0] as unknown as { name: string; options: unknown; serviceName: string };
    expect(adapter.name).toBe("fakeadapter");
    expect(adapter.options).toEqual({ region: "eu" });
    expect(adapter.serviceName).toBe("checkout");
  });

  it("without the cwd fallback the same package is missing", async () => {
    const cwd = appDir();
    writeEsmPackage(cwd, "fakeadapter", ESM_ADAPTER);
    const elsewhere = appDir();

    await expect(loadAdapterPackage("@tracehub/fakeadapter", elsewhere)).resolves.toEqual({ kind: "missing" });
    await expect(loadAdapterPackage("@tracehub/fakeadapter", cwd)).resolves.toMatchObject({ kind: "found" });
  });

  it("loads the ESM entry of a dual package (exports map with import and require), as our packages are built", async () => {
    const cwd = appDir();
    writeFakePackage(cwd, "dualadapter", {
      "package.json": JSON.stringify({
        name: "@tracehub/dualadapter",
        type: "module",
        // No "./package.json" export: the manifest is found above the CommonJS entry.
        exports: { ".": { import: "./index.js", require: "./index.cjs" } },
      }),
      "index.js": CJS_ADAPTER.replace("exports.tracehubAdapter =", "export const tracehubAdapter =").replace(
        '"cjs"',
        '"esm"',
      ),
      "index.cjs": CJS_ADAPTER,
    });

    const config = await resolveHubConfig({ env: { TRACEHUB_EXPORTERS: "dualadapter" }, cwd });
    expect(config.adapters.map((a) => a.name)).toEqual(["dualadapter"]);
    // The ESM build, not the CommonJS one require.resolve would pick: one copy of core, not two.
    expect((config.adapters[0] as unknown as { format: string }).format).toBe("esm");
  });

  it("loads an ESM-only package whose exports map has no require entry", async () => {
    const cwd = appDir();
    writeFakePackage(cwd, "esmonly", {
      "package.json": JSON.stringify({
        name: "@tracehub/esmonly",
        type: "module",
        exports: { ".": { import: { types: "./index.d.ts", default: "./index.js" } }, "./package.json": "./package.json" },
      }),
      "index.js": ESM_ADAPTER.replaceAll("fakeadapter", "esmonly"),
    });

    const config = await resolveHubConfig({ env: { TRACEHUB_EXPORTERS: "esmonly" }, cwd });
    expect(config.adapters.map((a) => a.name)).toEqual(["esmonly"]);
  });

  it("auto-detects through the built-in keys only, then asks the loaded package's own detect", async () => {
    const cwd = appDir();
    writeEsmPackage(cwd, "langsmith", ESM_ADAPTER.replaceAll("fakeadapter", "langsmith"));
    const log = recordingLogger();

    const wanted = await resolveHubConfig({
      env: { LANGSMITH_API_KEY: "lsv2-key-1234", FAKE_ADAPTER_KEY: "yes-please" },
      cwd,
      log,
      debug: true,
    });
    expect(wanted.adapters.map((a) => a.name)).toEqual(["langsmith"]);

    // The package's detect says no (FAKE_ADAPTER_KEY unset): skipped with a note, not an error.
    const declined = await resolveHubConfig({ env: { LANGSMITH_API_KEY: "lsv2-key-1234" }, cwd, log, debug: true });
    expect(declined.adapters).toEqual([]);
    expect(log.debugs.some((m) => m.includes("langsmith") && m.includes("not enabled"))).toBe(true);
  });

  it("reports a package without a tracehubAdapter export", async () => {
    const cwd = appDir();
    writeEsmPackage(cwd, "console", "export const somethingElse = 1;\n");

    const error = await resolveHubConfig({ env: { TRACEHUB_EXPORTERS: "console" }, cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const [problem, ...rest] = (error as ConfigError).problems;
    expect(rest).toEqual([]);
    expect(problem?.problem).toContain('@tracehub/console has no "tracehubAdapter" export');
    expect(problem?.source).toBe("TRACEHUB_EXPORTERS");
  });

  it("reports a package that throws while loading, with its secrets scrubbed", async () => {
    const cwd = appDir();
    writeEsmPackage(cwd, "otlp", 'throw new Error("bad header Authorization=Bearer tok-ABCDEF");\n');

    const error = await resolveHubConfig({
      env: { TRACEHUB_EXPORTERS: "otlp", OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer%20tok-ABCDEF" },
      cwd,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("@tracehub/otlp is installed but could not be loaded");
    expect(message).not.toContain("tok-ABCDEF");
  });

  it("names the known exporters when a name is neither known nor installed", async () => {
    const cwd = appDir();
    const error = await resolveHubConfig({ env: { TRACEHUB_EXPORTERS: "datadogg" }, cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const [problem] = (error as ConfigError).problems;
    expect(problem?.problem).toContain('"datadogg", which is not a tracehub exporter');
    for (const known of ["console", "langfuse", "langsmith", "otlp", "memory"]) expect(problem?.fix).toContain(known);
  });
});
