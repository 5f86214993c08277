// Turns exporter names into adapter instances: a factory supplied in code, else
// one built into core, else the `tracehubAdapter` of the package
// `@tracehub/<name>`. Every failure becomes a ConfigProblem with a fix; none
// stops the others from being checked, so the user sees them all at once.
import type {
  AdapterFactory,
  AdapterFactoryResult,
  AdapterSettings,
  ConfigProblem,
  ObservabilityAdapter,
} from "../adapter.js";
import { BUILTIN_FACTORIES } from "./builtin-factories.js";
import { KNOWN_EXPORTERS, exporterPackage, isKnownExporter } from "./exporter-names.js";
import { loadAdapterPackage, type ModuleImporter, type ApplicationResolver } from "./load-adapter-package.js";
import { scrubSecrets } from "./secrets.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface ExporterRequest {
  name: string;
  /** Where the name came from: "TRACEHUB_EXPORTERS", "options.exporters", or "auto-detected". */
  source: string;
  /**
   * Enabled by the vendor's keys rather than by name. Such keys may be meant
   * for the vendor's own SDK, so a missing package is only a debug note.
   */
  detected: boolean;
}

export interface LoadAdaptersInput {
  requests: readonly ExporterRequest[];
  env: Env;
  settings: AdapterSettings;
  /** Directory the application's packages are resolved from. */
  cwd: string;
  adapterOptions?: Readonly<Record<string, unknown>>;
  adapterFactories?: Readonly<Record<string, AdapterFactory>>;
  /** Values scrubbed out of any message an adapter package throws. */
  secrets: readonly string[];
  importModule?: ModuleImporter;
  resolveFromApp?: ApplicationResolver;
}

export interface LoadedAdapters {
  adapters: ObservabilityAdapter[];
  problems: ConfigProblem[];
}

type Outcome = { adapter?: ObservabilityAdapter; problems: ConfigProblem[] };

/** Loads every requested exporter concurrently; adapters keep the requested order. */
export async function loadAdapters(input: LoadAdaptersInput): Promise<LoadedAdapters> {
  const outcomes = await Promise.all(input.requests.map((request) => loadOne(request, input)));
  return {
    adapters: outcomes.flatMap((o) => (o.adapter ? [o.adapter] : [])),
    problems: outcomes.flatMap((o) => o.problems),
  };
}

async function loadOne(request: ExporterRequest, input: LoadAdaptersInput): Promise<Outcome> {
  const found = await findFactory(request, input);
  if ("problems" in found) return found;
  const { factory } = found;
  const { name } = request;

  if (request.detected && !stillWanted(factory, input.env)) {
    input.settings.log.debug(`${name}: its keys are set, but its adapter reports it is not enabled; skipping it.`);
    return { problems: [] };
  }
  return createAdapter(request, factory, input);
}

async function findFactory(
  request: ExporterRequest,
  input: LoadAdaptersInput,
): Promise<{ factory: AdapterFactory } | Outcome> {
  const { name, source } = request;
  const supplied = suppliedFactory(input.adapterFactories, name) ?? BUILTIN_FACTORIES[name];
  if (supplied) return { factory: supplied };

  const pkg = exporterPackage(name);
  const result = await loadAdapterPackage(pkg, input.cwd, input.importModule, input.resolveFromApp);
  switch (result.kind) {
    case "found":
      return { factory: result.factory };
    case "missing":
      if (request.detected) {
        input.settings.log.debug(
          `${name} was auto-detected from its keys, but ${pkg} is not installed; not sending traces to it. ` +
            `To send them: pnpm add ${pkg} (or npm install ${pkg}).`,
        );
        return { problems: [] };
      }
      return { problems: [isKnownExporter(name) ? notInstalled(name, source) : unknownExporter(name, source)] };
    case "no-export":
      return {
        problems: [
          {
            source,
            problem: `${source} names "${name}", but ${pkg} has no "tracehubAdapter" export`,
            fix: `Install a version of ${pkg} made for tracehub (pnpm add ${pkg}@latest), or remove "${name}" from ${source}`,
          },
        ],
      };
    case "failed":
      return {
        problems: [
          {
            source,
            problem: `${pkg} is installed but could not be loaded: ${describeError(result.error, input.secrets)}`,
            fix: `Reinstall it (pnpm install) and check that its dependencies are installed`,
          },
        ],
      };
  }
}

async function createAdapter(
  request: ExporterRequest,
  factory: AdapterFactory,
  input: LoadAdaptersInput,
): Promise<Outcome> {
  const { name } = request;
  let result: AdapterFactoryResult;
  try {
    result = await factory.create(input.env, input.adapterOptions?.[name], input.settings);
  } catch (error) {
    return {
      problems: [
        {
          source: exporterPackage(name),
          problem: `the ${name} adapter failed while reading its settings: ${describeError(error, input.secrets)}`,
          fix: `Check the ${name} settings (its environment variables and adapterOptions.${name})`,
        },
      ],
    };
  }
  if (isResultShape(result) && result.ok && isAdapter(result.adapter)) return { adapter: result.adapter, problems: [] };
  if (isResultShape(result) && !result.ok) return { problems: normalizeProblems(name, result.problems) };
  return {
    problems: [
      {
        source: exporterPackage(name),
        problem: `the ${name} adapter factory returned something that is not an adapter`,
        fix: `Update ${exporterPackage(name)} to a version that matches @tracehub/core`,
      },
    ],
  };
}

function notInstalled(name: string, source: string): ConfigProblem {
  const pkg = exporterPackage(name);
  return {
    source,
    problem: `${source} names "${name}" but ${pkg} is not installed`,
    fix: `pnpm add ${pkg} (or npm install ${pkg})`,
  };
}

function unknownExporter(name: string, source: string): ConfigProblem {
  return {
    source,
    problem: `${source} names "${name}", which is not a tracehub exporter, and no package ${exporterPackage(name)} is installed`,
    fix: `Use one of ${KNOWN_EXPORTERS.join(", ")} (or "none"), or install the package that provides "${name}"`,
  };
}

/** Factory keys are matched without regard to case, like exporter names. */
function suppliedFactory(
  factories: Readonly<Record<string, AdapterFactory>> | undefined,
  name: string,
): AdapterFactory | undefined {
  if (!factories) return undefined;
  const key = Object.keys(factories).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : factories[key];
}

/** The adapter's own, finer check of its keys (e.g. tracing switched off). */
function stillWanted(factory: AdapterFactory, env: Env): boolean {
  try {
    return factory.detect(env) === true;
  } catch {
    return false;
  }
}

/** Factories are outside code: keep only well-formed problems and give each a fix. */
function normalizeProblems(name: string, problems: unknown): ConfigProblem[] {
  const list = Array.isArray(problems) ? problems : [];
  const out = list.map((p: Partial<ConfigProblem> | null | undefined): ConfigProblem => ({
    source: typeof p?.source === "string" && p.source !== "" ? p.source : exporterPackage(name),
    problem: typeof p?.problem === "string" ? p.problem : `invalid ${name} settings`,
    fix: typeof p?.fix === "string" && p.fix !== "" ? p.fix : `Check the ${name} settings`,
  }));
  if (out.length > 0) return out;
  return [
    {
      source: exporterPackage(name),
      problem: `the ${name} adapter rejected its settings without saying why`,
      fix: `Check the ${name} settings (its environment variables and adapterOptions.${name})`,
    },
  ];
}

function isResultShape(value: unknown): value is AdapterFactoryResult {
  return typeof value === "object" && value !== null && typeof (value as { ok?: unknown }).ok === "boolean";
}

function isAdapter(value: unknown): value is ObservabilityAdapter {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ObservabilityAdapter).name === "string" &&
    typeof (value as ObservabilityAdapter).export === "function"
  );
}

/** `Type: message`, secrets scrubbed, cut short: thrown text is not ours to trust. */
function describeError(error: unknown, secrets: readonly string[]): string {
  const type = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  const text = scrubSecrets(`${type}: ${message}`, secrets);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
