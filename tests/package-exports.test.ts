// Every published package must load from its build both as ESM (`import`) and
// as CommonJS (`require`), with the same named exports and type declarations for both.
// Private packages (`"private": true`, e.g. test-support) are never published or built: skipped.
import { createRequire } from "node:module";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const packagesDir = resolve(import.meta.dirname, "../packages");
const isPublished = (dir: string): boolean => JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8")).private !== true;
const packages = readdirSync(packagesDir).filter((dir) => existsSync(join(packagesDir, dir, "package.json")) && isPublished(dir));

describe.each(packages)("package %s", (dir) => {
  const root = join(packagesDir, dir);
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const entry = manifest.exports["."];

  it("declares import and require conditions with types under both", () => {
    expect(entry.import.types).toMatch(/\.d\.ts$/);
    expect(entry.require.types).toMatch(/\.d\.cts$/);
    for (const file of [entry.import.types, entry.import.default, entry.require.types, entry.require.default]) {
      expect(existsSync(join(root, file)), `${dir}: ${file} exists (run the build first)`).toBe(true);
    }
  });

  it("loads with import and with require, exposing the same names", async () => {
    const esm = await import(pathToFileURL(join(root, entry.import.default)).href);
    const require = createRequire(join(root, "package.json"));
    const cjs = require(join(root, entry.require.default));
    const esmNames = Object.keys(esm).filter((name) => name !== "default").sort();
    const cjsNames = Object.keys(cjs).filter((name) => name !== "default" && name !== "__esModule").sort();
    expect(esmNames.length).toBeGreaterThan(0);
    expect(cjsNames).toEqual(esmNames);
  });

  it("resolves by package name through the exports map from a consumer", async () => {
    // A consumer with only this package installed (linked, as package managers do).
    const consumer = mkdtempSync(join(tmpdir(), "tracehub-consumer-"));
    try {
      const scopeDir = join(consumer, "node_modules", "@tracehub");
      mkdirSync(scopeDir, { recursive: true });
      symlinkSync(root, join(scopeDir, dir), "dir");
      const require = createRequire(join(consumer, "index.js"));
      expect(require.resolve(manifest.name)).toBe(join(realpathSync(root), entry.require.default.replace(/^\.\//, "")));
    } finally {
      rmSync(consumer, { recursive: true, force: true });
    }
  });
});
