// The spool through createHub: which adapters spool, the switches in code and
// environment, and a hub's leftovers re-sent by the next hub on the same directory.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, createHub, InMemoryAdapter, resolveHubConfig, type AdapterFactory, type HubOptions } from "../src/index.js";
import { filesUnder, SwitchableAdapter, tempSpoolDir, waitFor } from "./spool-helpers.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function spoolDir(): string {
  const temp = tempSpoolDir();
  cleanups.push(temp.cleanup);
  return temp.dir;
}

/** An exporter named "backend" whose adapter instance the test holds. */
function factoryOf(adapter: SwitchableAdapter | InMemoryAdapter): AdapterFactory {
  return { name: "backend", detect: () => false, create: () => ({ ok: true, adapter }) };
}

function hubOptions(dir: string, adapter: SwitchableAdapter | InMemoryAdapter, extra: HubOptions = {}): HubOptions {
  return {
    env: {},
    exporters: ["backend"],
    adapterFactories: { backend: factoryOf(adapter) },
    registerShutdownHooks: false,
    flushIntervalMs: 5,
    queue: { maxAttempts: 1_000, initialBackoffMs: 5, maxBackoffMs: 20 },
    spoolDir: dir,
    ...extra,
  };
}

async function endSpans(options: HubOptions, names: string[]): Promise<void> {
  const hub = await createHub(options);
  for (const name of names) hub.span(name, () => undefined);
  await hub.shutdown(50);
}

describe("the spool of a hub", () => {
  it("spools an exporter's leftovers at shutdown under <dir>/<adapter>; the next hub re-sends and deletes them", async () => {
    const dir = spoolDir();
    await endSpans(hubOptions(dir, new SwitchableAdapter()), ["a", "b", "c"]);
    expect(filesUnder(dir).every((f) => f.startsWith(`backend${path.sep}`) && f.endsWith(".spool"))).toBe(true);
    expect(filesUnder(dir)).toHaveLength(1);

    const memory = new InMemoryAdapter({ name: "backend" });
    const hub = await createHub(hubOptions(dir, memory));
    await memory.waitForSpans(3);
    expect(memory.spans.map((s) => s.name).sort()).toEqual(["a", "b", "c"]);
    await waitFor(() => filesUnder(dir).length === 0, 1_000, "segment deleted");
    expect(hub.stats().adapters[0]).toMatchObject({ unspooled: 3, exported: 3, spoolBytes: 0 });
    await hub.shutdown(100);
    expect(fs.readdirSync(dir)).toEqual([]); // an empty spool leaves nothing behind
  });

  it("writes nothing with spool: false or TRACEHUB_SPOOL=off", async () => {
    const dir = spoolDir();
    await endSpans(hubOptions(dir, new SwitchableAdapter(), { spool: false }), ["a"]);
    await endSpans(hubOptions(dir, new SwitchableAdapter(), { env: { TRACEHUB_SPOOL: "off" } }), ["b"]);
    expect(filesUnder(dir)).toEqual([]);
  });

  it("leaves adapter instances given in code out unless spool: true", async () => {
    const dir = spoolDir();
    const base = { env: {}, registerShutdownHooks: false, flushIntervalMs: 5, spoolDir: dir };
    await endSpans({ ...base, adapters: [new SwitchableAdapter("mine")] }, ["a"]);
    expect(filesUnder(dir)).toEqual([]);
    await endSpans({ ...base, adapters: [new SwitchableAdapter("mine")], spool: true }, ["a"]);
    expect(filesUnder(dir).map((f) => f.split(path.sep)[0])).toEqual(["mine"]);
  });
});

describe("spool settings", () => {
  it("reads TRACEHUB_SPOOL, TRACEHUB_SPOOL_MAX_BYTES and TRACEHUB_SPOOL_INTERVAL_MS; code wins", async () => {
    const env = { TRACEHUB_SPOOL: "on", TRACEHUB_SPOOL_MAX_BYTES: "1048576", TRACEHUB_SPOOL_INTERVAL_MS: "250", TRACEHUB_SPOOL_DIR: "/var/spool/th" };
    const adapter = new InMemoryAdapter();
    const fromEnv = await resolveHubConfig({ env, adapters: [adapter], registerShutdownHooks: false });
    expect(fromEnv.spool).toEqual({ dir: path.resolve("/var/spool/th"), maxBytes: 1_048_576, intervalMs: 250, adapters: [adapter] });
    const fromCode = await resolveHubConfig({ env, spool: false, registerShutdownHooks: false });
    expect(fromCode.spool).toBeUndefined();
    const defaults = await resolveHubConfig({ env: {}, adapters: [adapter], registerShutdownHooks: false });
    expect(defaults.spool).toMatchObject({ maxBytes: 256 * 1024 * 1024, intervalMs: 1000, adapters: [] });
  });

  it("reports bad spool values in the one ConfigError", async () => {
    const error = await resolveHubConfig({
      env: { TRACEHUB_SPOOL: "maybe", TRACEHUB_SPOOL_MAX_BYTES: "-1" },
      spoolIntervalMs: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.source).sort()).toEqual([
      "TRACEHUB_SPOOL",
      "TRACEHUB_SPOOL_MAX_BYTES",
      "options.spoolIntervalMs",
    ]);
  });
});
