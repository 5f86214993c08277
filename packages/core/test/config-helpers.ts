// Shared fixtures of the config tests: fake adapter factories, a recording
// logger, and throw-away application directories with fake adapter packages.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AdapterFactory, AdapterFactoryResult, Logger, ObservabilityAdapter } from "../src/adapter.js";

export interface RecordingLogger extends Logger {
  debugs: string[];
  warns: string[];
}

export function recordingLogger(): RecordingLogger {
  const debugs: string[] = [];
  const warns: string[] = [];
  return { debugs, warns, debug: (m) => debugs.push(m), warn: (m) => warns.push(m) };
}

export function fakeAdapter(name: string): ObservabilityAdapter & { shutdownCalls: number } {
  return {
    name,
    shutdownCalls: 0,
    export: async () => ({ kind: "ok" }),
    async shutdown() {
      this.shutdownCalls += 1;
    },
  };
}

export interface FakeFactory extends AdapterFactory {
  createCalls: { options: unknown; serviceName: string }[];
}

/** A factory whose `create` answers `result` (or the result of calling it). */
export function fakeFactory(
  name: string,
  result: AdapterFactoryResult | (() => AdapterFactoryResult | Promise<AdapterFactoryResult>) = {
    ok: true,
    adapter: fakeAdapter(name),
  },
  detect: AdapterFactory["detect"] = () => true,
): FakeFactory {
  const createCalls: FakeFactory["createCalls"] = [];
  return {
    name,
    detect,
    createCalls,
    create: (_env, options, settings) => {
      createCalls.push({ options, serviceName: settings.serviceName });
      return typeof result === "function" ? result() : result;
    },
  };
}

/** An empty directory under the OS temp dir, standing in for an application's root. */
export function tempAppDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "tracehub-config-test-"));
}

/** Writes `node_modules/@tracehub/<name>/` with the given files under `appDir`. */
export function writeFakePackage(appDir: string, name: string, files: Record<string, string>): string {
  const dir = path.join(appDir, "node_modules", "@tracehub", name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
