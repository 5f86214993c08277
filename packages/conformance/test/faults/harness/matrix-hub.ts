// A rig for the fault matrix: one fake backend per network adapter (OTLP,
// Langfuse, LangSmith), a counting stream for the console adapter, and one hub
// with all four adapters, created the way applications create it: by exporter
// name, with options as code would pass them, and a disk spool in a temp dir.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createHub, type Hub, type HubOptions } from "@tracehub/core";
import { tracehubAdapter as consoleFactory } from "@tracehub/console";
import { tracehubAdapter as langfuseFactory } from "@tracehub/langfuse";
import { tracehubAdapter as langsmithFactory } from "@tracehub/langsmith";
import { tracehubAdapter as otlpFactory } from "@tracehub/otlp";
import { startFaultServer, type FakeBackend, type Fault, type FaultServer } from "@tracehub/test-support";
import { ConsoleSink, type Receiver } from "./console-sink.js";

export const NETWORK_BACKENDS: readonly FakeBackend[] = ["otlp", "langfuse", "langsmith"];
export type AdapterName = FakeBackend | "console";
export const ADAPTERS: readonly AdapterName[] = [...NETWORK_BACKENDS, "console"];

/**
 * Per-request timeout of every network adapter in the matrix: long enough
 * that a loaded machine rarely times out a request the server answered (see
 * "unconfirmed" in the fault server), short enough to keep hangs cheap.
 */
export const REQUEST_TIMEOUT_MS = 2_500;

const LANGFUSE_KEYS = { publicKey: "pk-lf-fault-matrix", secretKey: "sk-lf-fault-matrix" };
const LANGSMITH_KEY = "lsv2_fault_matrix_key";

export interface RigOptions {
  /** Per backend; default healthy. */
  faults?: Partial<Record<FakeBackend, Fault>>;
  /** Seed of the servers' fault draws (each server offsets it). */
  seed?: number;
  /** Per-request timeout of every network adapter; default REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** Extra hub options (queue bounds, spool switch…). */
  hub?: Partial<HubOptions>;
  /** Reuse a spool directory (a "next process start"); default a fresh temp dir. */
  spoolDir?: string;
}

export interface Rig {
  hub: Hub;
  /** The hubs' warnings (kept, not printed: a failing backend warns a lot); the last 200. */
  warnings: string[];
  servers: Record<FakeBackend, FaultServer>;
  consoleSink: ConsoleSink;
  receivers: Record<AdapterName, Receiver>;
  spoolDir: string;
  /** Builds another hub on the same servers and spool dir (a restarted process). */
  restartHub(hub?: Partial<HubOptions>): Promise<Hub>;
  close(): Promise<void>;
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const seed = options.seed ?? 1;
  const servers = {} as Record<FakeBackend, FaultServer>;
  for (const [i, backend] of NETWORK_BACKENDS.entries()) {
    servers[backend] = await startFaultServer({
      backend,
      fault: options.faults?.[backend],
      seed: seed * 31 + i,
      langfuse: LANGFUSE_KEYS,
      langsmithApiKey: LANGSMITH_KEY,
    });
  }
  const consoleSink = new ConsoleSink();
  const spoolDir = options.spoolDir ?? (await mkdtemp(path.join(os.tmpdir(), "tracehub-faults-")));
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const warnings: string[] = [];
  const log = {
    debug() {},
    warn(message: string) {
      if (warnings.push(message) > 200) warnings.shift();
    },
  };
  const makeHub = (extra: Partial<HubOptions> = {}): Promise<Hub> =>
    createHub({
      env: {},
      exporters: [...ADAPTERS],
      adapterFactories: { otlp: otlpFactory, langfuse: langfuseFactory, langsmith: langsmithFactory, console: consoleFactory },
      adapterOptions: {
        otlp: { url: `${servers.otlp.url}/v1/traces`, compression: "gzip", timeoutMs },
        langfuse: { ...LANGFUSE_KEYS, baseUrl: servers.langfuse.url, timeoutMs },
        langsmith: { apiKey: LANGSMITH_KEY, endpoint: servers.langsmith.url, timeoutMs },
        console: { format: "json", stream: consoleSink },
      },
      serviceName: "fault-matrix",
      log,
      spoolDir,
      registerShutdownHooks: false,
      flushIntervalMs: 200,
      // Retries until the backend recovers: the matrix asserts nothing is given up on.
      queue: { maxAttempts: 1_000, initialBackoffMs: 50, maxBackoffMs: 1_000, exportTimeoutMs: 10_000 },
      ...options.hub,
      ...extra,
    });
  const hub = await makeHub();
  const hubs = [hub];
  return {
    hub,
    warnings,
    servers,
    consoleSink,
    receivers: { ...servers, console: consoleSink },
    spoolDir,
    async restartHub(extra) {
      const next = await makeHub(extra);
      hubs.push(next);
      return next;
    },
    async close() {
      await Promise.all(hubs.map((h) => h.shutdown(1_000)));
      await Promise.all(Object.values(servers).map((s) => s.close()));
      if (options.spoolDir === undefined) await rm(spoolDir, { recursive: true, force: true });
    },
  };
}
