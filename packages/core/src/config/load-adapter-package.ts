// Finds the `tracehubAdapter` factory of an adapter package at run time. Core
// never depends on adapter packages, and under pnpm's strict layout it cannot
// even see the application's packages from its own folder, so a package that
// core's own `import()` cannot find is resolved again from the application's
// directory.
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AdapterFactory } from "../adapter.js";

export type PackageLoadResult =
  | { kind: "found"; factory: AdapterFactory }
  /** Not installed where core or the application can see it. */
  | { kind: "missing" }
  /** Installed, but without a usable `tracehubAdapter` export. */
  | { kind: "no-export" }
  /** Installed, but importing it threw (syntax error, missing dependency…). */
  | { kind: "failed"; error: unknown };

/** `import()` by another name, so tests can observe or replace module loading. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

const nativeImport: ModuleImporter = (specifier) => import(specifier);

const NOT_FOUND_CODES = new Set(["ERR_MODULE_NOT_FOUND", "MODULE_NOT_FOUND", "ERR_LOAD_URL"]);

/** Finds a package from the application's directory; replaceable so tests do not depend on the workspace layout. */
export type ApplicationResolver = (packageName: string, cwd: string) => ApplicationResolution;
export type ApplicationResolution = { kind: "resolved"; file: string } | { kind: "missing" } | { kind: "failed"; error: unknown };

export async function loadAdapterPackage(
  packageName: string,
  cwd: string,
  importModule: ModuleImporter = nativeImport,
  resolveFromApp: ApplicationResolver = resolveFromApplication,
): Promise<PackageLoadResult> {
  let loaded: unknown;
  try {
    loaded = await importModule(packageName);
  } catch (error) {
    if (!isModuleNotFound(error)) return { kind: "failed", error };
    const resolved = resolveFromApp(packageName, cwd);
    if (resolved.kind !== "resolved") return resolved;
    try {
      loaded = await importModule(pathToFileURL(resolved.file).href);
    } catch (importError) {
      return { kind: "failed", error: importError };
    }
  }
  const factory = findAdapterFactory(loaded);
  return factory ? { kind: "found", factory } : { kind: "no-export" };
}

/** True for a value shaped like an AdapterFactory. */
export function isAdapterFactory(value: unknown): value is AdapterFactory {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<AdapterFactory>;
  return typeof candidate.create === "function" && typeof candidate.detect === "function";
}

function resolveFromApplication(packageName: string, cwd: string): ApplicationResolution {
  // The working directory first, then the entry script's folder: `node app/dist/main.js`
  // run from elsewhere (a monorepo root, a process manager) still finds the app's packages.
  let result: ApplicationResolution = { kind: "missing" };
  for (const dir of applicationDirs(cwd)) {
    result = resolveFrom(packageName, dir);
    if (result.kind !== "missing") return result;
  }
  return result;
}

function applicationDirs(cwd: string): string[] {
  const dirs = [cwd];
  const entry = process.argv[1];
  if (typeof entry === "string" && entry !== "") {
    try {
      dirs.push(path.dirname(realpathSync(entry)));
    } catch {
      // no readable entry script (REPL, -e): the working directory is all there is
    }
  }
  return dirs;
}

function resolveFrom(packageName: string, dir: string): ApplicationResolution {
  try {
    // createRequire needs a file path; the file itself need not exist.
    const requireFromApp = createRequire(path.join(dir, "__tracehub__.js"));
    const manifest = findManifest(requireFromApp, packageName);
    const esm = manifest === undefined ? undefined : importEntry(manifest);
    return { kind: "resolved", file: esm ?? requireFromApp.resolve(packageName) };
  } catch (error) {
    return isModuleNotFound(error) ? { kind: "missing" } : { kind: "failed", error };
  }
}

/**
 * The package's package.json: exported directly, or found above the file that
 * `require.resolve` picks. Throws "not found" when the package is not installed.
 */
function findManifest(requireFromApp: NodeJS.Require, packageName: string): string | undefined {
  try {
    return requireFromApp.resolve(`${packageName}/package.json`);
  } catch (error) {
    if (isModuleNotFound(error)) throw error;
  }
  try {
    let dir = path.dirname(requireFromApp.resolve(packageName));
    for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const candidate = path.join(dir, "package.json");
      if (readManifest(candidate)?.name === packageName) return candidate;
    }
  } catch {
    // no CommonJS entry either (an ESM-only package without exported package.json)
  }
  return undefined;
}

/**
 * The absolute path of the package's `import` entry. `require.resolve` alone
 * would pick the CommonJS build of a dual package, which then loads a second
 * copy of core next to the application's ESM one.
 */
function importEntry(manifestFile: string): string | undefined {
  const entry = importTarget(readManifest(manifestFile)?.exports);
  return entry === undefined ? undefined : path.resolve(path.dirname(manifestFile), entry);
}

function readManifest(file: string): { name?: unknown; exports?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; exports?: unknown };
  } catch {
    return undefined;
  }
}

/** `exports["."].import` (a path, or `{ default }` beside `types`), or `exports.import`. */
function importTarget(exportsField: unknown): string | undefined {
  if (typeof exportsField !== "object" || exportsField === null) return undefined;
  const map = exportsField as Record<string, unknown>;
  const root = "." in map ? map["."] : map;
  if (typeof root !== "object" || root === null) return undefined;
  const target = (root as Record<string, unknown>).import;
  if (typeof target === "string") return target;
  if (typeof target === "object" && target !== null) {
    const fallback = (target as Record<string, unknown>).default;
    return typeof fallback === "string" ? fallback : undefined;
  }
  return undefined;
}

/** The named export, or the same under `default` when a CommonJS build was imported. */
function findAdapterFactory(loaded: unknown): AdapterFactory | undefined {
  if (typeof loaded !== "object" || loaded === null) return undefined;
  const direct = (loaded as { tracehubAdapter?: unknown }).tracehubAdapter;
  if (isAdapterFactory(direct)) return direct;
  const viaDefault = (loaded as { default?: { tracehubAdapter?: unknown } }).default?.tracehubAdapter;
  return isAdapterFactory(viaDefault) ? viaDefault : undefined;
}

function isModuleNotFound(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && NOT_FOUND_CODES.has(code)) return true;
  return typeof message === "string" && /cannot find (module|package)|failed to (load|resolve)/i.test(message);
}
