#!/usr/bin/env node
// Compatibility run: the whole vitest suite again on Node 24, from the npm
// registry's `node` package (no other download source is needed). Runs when CI
// is set or TRACEHUB_TEST_NODE24=1; otherwise says it was skipped.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wanted = process.env.CI === "true" || process.env.CI === "1" || process.env.TRACEHUB_TEST_NODE24 === "1";
if (!wanted) {
  console.log("Node 24 compatibility run skipped (set TRACEHUB_TEST_NODE24=1, or CI=true, to run it).");
  process.exit(0);
}

const prefix = join(root, "node_modules", ".cache", "node24");
const binary = join(prefix, "node_modules", "node", "bin", "node");
if (!existsSync(binary)) {
  mkdirSync(prefix, { recursive: true });
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const install = spawnSync(npm, ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--no-package-lock", "node@24"], {
    stdio: "inherit",
  });
  if (install.status !== 0 || !existsSync(binary)) {
    console.error("could not install Node 24 from the npm registry's `node` package");
    process.exit(1);
  }
}

const version = spawnSync(binary, ["--version"], { encoding: "utf8" }).stdout.trim();
console.log(`\nNode ${version} compatibility run`);
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const run = spawnSync(binary, [vitest, "run"], { cwd: root, stdio: "inherit", env: { ...process.env, TRACEHUB_NODE_COMPAT: version } });
process.exit(run.status ?? 1);
