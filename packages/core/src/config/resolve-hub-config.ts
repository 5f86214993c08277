// Everything `createHub` runs with, from code options, the environment and
// defaults (in that order of precedence). Problems from every source (options,
// core variables, exporter names, adapter packages and their own settings) are
// collected first and thrown together as one ConfigError.
import path from "node:path";
import type { AdapterFactory, ConfigProblem, Logger, ObservabilityAdapter } from "../adapter.js";
import type { SpanKind } from "../model/span.js";
import type { MaskFunction } from "../hub/finalize-span.js";
import { ConfigError } from "./config-error.js";
import { CORE_ENV_VARIABLES, readCoreEnv, type CoreEnv } from "./core-env.js";
import { HUB_DEFAULTS, defaultSpoolDir } from "./defaults.js";
import { createHubLogger } from "./default-logger.js";
import { detectExporters } from "./detect-exporters.js";
import { NO_EXPORTERS, exporterListFaults, isValidExporterName, normalizeExporterNames } from "./exporter-names.js";
import type { HubOptions, QueueRetrySettings } from "./hub-options.js";
import { isAdapterFactory, type ModuleImporter, type ApplicationResolver } from "./load-adapter-package.js";
import { loadAdapters, type ExporterRequest } from "./load-adapters.js";
import { collectEnvSecrets, collectOptionSecrets, scrubSecrets } from "./secrets.js";
import { validateHubOptions } from "./validate-options.js";
import { PriceTable } from "../pricing/price-table.js";
import { loadPricingFile } from "../pricing/load-pricing-file.js";
import type { ModelPriceInput } from "../pricing/price-types.js";
import { builtinEvaluators, BUILTIN_EVALUATOR_KINDS } from "../evaluation/builtin-evaluators.js";
import type { EvaluationOptions, SpanEvaluator } from "../evaluation/span-evaluator.js";
import type { HubSpoolSettings } from "../hub/hub-settings.js";
import { SPOOL_DEFAULTS } from "../spool/spool-options.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface ResolvedHubConfig {
  serviceName: string;
  environment?: string | undefined;
  release?: string | undefined;
  sampleRate: number;
  hideInputs: boolean;
  hideOutputs: boolean;
  mask?: MaskFunction | undefined;
  maxFieldBytes: number;
  flushIntervalMs: number;
  maxQueueItems: number;
  maxQueueBytes: number;
  /** Absolute path. */
  spoolDir: string;
  /** The disk spool: where, how much, and which adapters; undefined when it is off. */
  spool: HubSpoolSettings | undefined;
  debug: boolean;
  /** Debug-gated and secret-scrubbing; never throws. */
  log: Logger;
  /** Only the settings given in code; the delivery queue fills in its own defaults. */
  queue: Partial<QueueRetrySettings>;
  /** Adapters built from exporter names, then the instances passed in `options.adapters`. */
  adapters: ObservabilityAdapter[];
  /** Values of secret-looking env variables and adapter options, for scrubbing messages. */
  secrets: string[];
  registerShutdownHooks: boolean;
  /** Prices of code, then TRACEHUB_PRICING_FILE, then the built-in table. */
  pricing: PriceTable;
  /** Built-in evaluators first (when enabled), then the ones given in code. */
  evaluators: SpanEvaluator[];
  evaluation: EvaluationOptions;
}

/** Test seam: module loading for adapter packages. */
export interface ResolveInternals {
  importModule?: ModuleImporter;
  resolveFromApp?: ApplicationResolver;
}

/** Resolves the hub's settings and adapters; throws one ConfigError listing every problem. */
export async function resolveHubConfig(
  options: HubOptions = {},
  internals: ResolveInternals = {},
): Promise<ResolvedHubConfig> {
  const problems: ConfigProblem[] = validateHubOptions(options);
  // Past validation, use only the well-formed parts so one bad option cannot hide the others' problems.
  const safe = wellFormed(options);
  const env = safe.env ?? processEnv();
  const cwd = safe.cwd ?? processCwd();
  const secrets = [...new Set([...collectEnvSecrets(env), ...collectOptionSecrets(options.adapterOptions)])];

  const fromEnv = readCoreEnv(env);
  const overridden = overriddenVariables(options);
  problems.push(...fromEnv.problems.filter((p) => !overridden.has(p.source)));

  const debug = options.debug ?? fromEnv.values.debug ?? HUB_DEFAULTS.debug;
  const log = createHubLogger(safe.log, { debug, secrets });
  const settings = {
    serviceName: options.serviceName ?? fromEnv.values.serviceName ?? HUB_DEFAULTS.serviceName,
    environment: options.environment ?? fromEnv.values.environment,
    release: options.release ?? fromEnv.values.release,
    debug,
    log,
  };

  const selection = selectExporters(options, env, fromEnv.values, safe.adapterFactories);
  problems.push(...selection.problems);
  const loaded = await loadAdapters({
    requests: selection.requests,
    env,
    settings,
    cwd,
    adapterOptions: options.adapterOptions,
    adapterFactories: safe.adapterFactories,
    secrets,
    ...(internals.importModule ? { importModule: internals.importModule } : {}),
    ...(internals.resolveFromApp ? { resolveFromApp: internals.resolveFromApp } : {}),
  });
  problems.push(...loaded.problems);

  const pricingFile = await readPricingFile(options, fromEnv.values.pricingFile, cwd);
  problems.push(...pricingFile.problems);

  if (problems.length > 0) {
    closeQuietly(loaded.adapters);
    throw new ConfigError(problems.map((p) => scrubProblem(p, secrets)));
  }

  const adapters = [...loaded.adapters, ...safe.adapters];
  const spoolDir = path.resolve(cwd, options.spoolDir ?? fromEnv.values.spoolDir ?? defaultSpoolDir());
  // Unset: only adapters built from exporter names; instances given in code (tests, custom) opt in with spool: true.
  const spoolSwitch = options.spool ?? fromEnv.values.spool;
  log.debug(`exporters: ${adapters.map((a) => a.name).join(", ") || "none"} (${selection.origin})`);
  return {
    ...settings,
    sampleRate: options.sampleRate ?? fromEnv.values.sampleRate ?? HUB_DEFAULTS.sampleRate,
    hideInputs: options.hideInputs ?? fromEnv.values.hideInputs ?? HUB_DEFAULTS.hideInputs,
    hideOutputs: options.hideOutputs ?? fromEnv.values.hideOutputs ?? HUB_DEFAULTS.hideOutputs,
    mask: options.mask,
    maxFieldBytes: options.maxFieldBytes ?? fromEnv.values.maxFieldBytes ?? HUB_DEFAULTS.maxFieldBytes,
    flushIntervalMs: options.flushIntervalMs ?? fromEnv.values.flushIntervalMs ?? HUB_DEFAULTS.flushIntervalMs,
    maxQueueItems: options.maxQueueItems ?? fromEnv.values.maxQueueItems ?? HUB_DEFAULTS.maxQueueItems,
    maxQueueBytes: options.maxQueueBytes ?? fromEnv.values.maxQueueBytes ?? HUB_DEFAULTS.maxQueueBytes,
    spoolDir,
    spool:
      spoolSwitch === false
        ? undefined
        : {
            dir: spoolDir,
            maxBytes: options.spoolMaxBytes ?? fromEnv.values.spoolMaxBytes ?? SPOOL_DEFAULTS.maxBytes,
            intervalMs: options.spoolIntervalMs ?? fromEnv.values.spoolIntervalMs ?? SPOOL_DEFAULTS.intervalMs,
            adapters: spoolSwitch === true ? adapters : loaded.adapters,
          },
    queue: { ...options.queue },
    adapters,
    secrets,
    registerShutdownHooks: options.registerShutdownHooks ?? HUB_DEFAULTS.registerShutdownHooks,
    pricing: new PriceTable({
      models: [...(options.pricing?.models ?? []), ...pricingFile.models],
      builtin: options.pricing?.builtin ?? true,
      onUnknownModel: (model, provider) =>
        log.debug(
          `no price for model "${model}"${provider === undefined ? "" : ` (provider ${provider})`}: its spans get no cost. ` +
            "Add it with createHub({ pricing: { models: [...] } }) or a TRACEHUB_PRICING_FILE",
        ),
    }),
    evaluators: [
      ...selectBuiltinEvaluators(options.builtinEvaluators ?? fromEnv.values.builtinEvaluators ?? false),
      ...(options.evaluators ?? []),
    ],
    evaluation: { ...options.evaluation },
  };
}

/** `pricing.file` in code wins over TRACEHUB_PRICING_FILE; no file, no entries. */
async function readPricingFile(
  options: HubOptions,
  envFile: string | undefined,
  cwd: string,
): Promise<{ models: ModelPriceInput[]; problems: ConfigProblem[] }> {
  const codeFile = options.pricing?.file;
  if (typeof codeFile === "string" && codeFile.trim() !== "") {
    return loadPricingFile(codeFile, cwd, "options.pricing.file");
  }
  if (envFile === undefined) return { models: [], problems: [] };
  return loadPricingFile(envFile, cwd, "TRACEHUB_PRICING_FILE");
}

function selectBuiltinEvaluators(setting: boolean | readonly SpanKind[]): SpanEvaluator[] {
  if (setting === false) return [];
  return builtinEvaluators(setting === true ? BUILTIN_EVALUATOR_KINDS : setting);
}

interface ExporterSelection {
  requests: ExporterRequest[];
  problems: ConfigProblem[];
  /** For the debug summary: where the list came from. */
  origin: string;
}

/** Code's `exporters`, else TRACEHUB_EXPORTERS, else what the vendors' keys ask for. */
function selectExporters(
  options: HubOptions,
  env: Env,
  fromEnv: CoreEnv,
  factories: Readonly<Record<string, AdapterFactory>>,
): ExporterSelection {
  if (Array.isArray(options.exporters)) {
    const names = normalizeExporterNames(options.exporters.filter((n): n is string => typeof n === "string"));
    const problems = exporterListFaults(names).map((fault) => ({
      source: "options.exporters",
      problem: `options.exporters is invalid: ${fault}`,
      fix: `Pass exporter names such as ["console", "langfuse"], or ["none"]`,
    }));
    return { requests: named(names, "options.exporters"), problems, origin: "options.exporters" };
  }
  if (fromEnv.exporters !== undefined) {
    return { requests: named(fromEnv.exporters, "TRACEHUB_EXPORTERS"), problems: [], origin: "TRACEHUB_EXPORTERS" };
  }
  // Set but invalid: already a problem; guessing from keys would only add noise.
  if (env.TRACEHUB_EXPORTERS?.trim()) return { requests: [], problems: [], origin: "TRACEHUB_EXPORTERS" };

  const detected = detectExporters(env, factories).map((name) => ({ name, source: "auto-detected", detected: true }));
  return { requests: detected, problems: [], origin: "auto-detected from the environment" };
}

function named(names: readonly string[], source: string): ExporterRequest[] {
  return names
    .filter((name) => name !== NO_EXPORTERS && isValidExporterName(name))
    .map((name) => ({ name, source, detected: false }));
}

/** Env variables whose problems do not count because code set the same setting. */
function overriddenVariables(options: HubOptions): Set<string> {
  const out = new Set<string>();
  for (const [field, variables] of Object.entries(CORE_ENV_VARIABLES)) {
    if ((options as Record<string, unknown>)[field] !== undefined) for (const v of variables) out.add(v);
  }
  return out;
}

function wellFormed(options: HubOptions): {
  env: Env | undefined;
  cwd: string | undefined;
  log: Logger | undefined;
  adapters: ObservabilityAdapter[];
  adapterFactories: Record<string, AdapterFactory>;
} {
  const isObject = (v: unknown): v is object => typeof v === "object" && v !== null;
  const log = options.log;
  const factories = isObject(options.adapterFactories) ? Object.entries(options.adapterFactories) : [];
  return {
    // Only text values: a number slipped into `env` must not crash the readers below.
    env: isObject(options.env)
      ? Object.fromEntries(Object.entries(options.env).filter(([, v]) => typeof v === "string"))
      : undefined,
    cwd: typeof options.cwd === "string" && options.cwd.trim() !== "" ? options.cwd : undefined,
    log: isObject(log) && typeof log.debug === "function" && typeof log.warn === "function" ? log : undefined,
    adapters: Array.isArray(options.adapters)
      ? options.adapters.filter((a) => isObject(a) && typeof a.name === "string" && typeof a.export === "function")
      : [],
    adapterFactories: Object.fromEntries(factories.filter(([, f]) => isAdapterFactory(f))),
  };
}

function scrubProblem(problem: ConfigProblem, secrets: readonly string[]): ConfigProblem {
  return {
    source: scrubSecrets(problem.source, secrets),
    problem: scrubSecrets(problem.problem, secrets),
    fix: scrubSecrets(problem.fix, secrets),
  };
}

/** Adapters built before another one failed may hold timers or sockets: release them, without waiting. */
function closeQuietly(adapters: readonly ObservabilityAdapter[]): void {
  for (const adapter of adapters) {
    void Promise.resolve()
      .then(() => adapter.shutdown?.())
      .catch(() => undefined);
  }
}

function processEnv(): Env {
  return typeof process !== "undefined" && process.env ? process.env : {};
}

function processCwd(): string {
  return typeof process !== "undefined" && typeof process.cwd === "function" ? process.cwd() : ".";
}
