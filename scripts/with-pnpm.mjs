#!/usr/bin/env node
// Runs pnpm with the given arguments on a machine that may only have Node and npm:
// uses the pnpm version pinned in package.json's "packageManager" through `npx`,
// so the README's commands work without a global pnpm or corepack.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpm = packageManager; // e.g. "pnpm@10.34.8"
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const result = spawnSync(npx, ["--yes", pnpm, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, npm_config_update_notifier: "false", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
});
process.exit(result.status ?? 1);
