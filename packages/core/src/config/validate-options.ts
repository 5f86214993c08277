// Checks the options given in code with the same rules as the environment, so
// `createHub({ sampleRate: 2 })` is reported like TRACEHUB_SAMPLE_RATE=2 and in
// the same ConfigError. Plain-JavaScript callers get no compiler to catch these.
import { z } from "zod";
import type { ConfigProblem, Logger, ObservabilityAdapter } from "../adapter.js";
import { isAdapterFactory } from "./load-adapter-package.js";
import { isSecretName } from "./secrets.js";
import { spanKindSchema } from "../model/span-schema.js";
import { expectedPricingValue, pricingOptionsSchema } from "../pricing/pricing-schema.js";
import type { SpanEvaluator } from "../evaluation/span-evaluator.js";

const positiveInt = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const text = z.string().trim().min(1);
const isFunction = (v: unknown): boolean => typeof v === "function";

const queueSchema = z
  .object({
    maxAttempts: positiveInt.optional(),
    initialBackoffMs: positiveInt.optional(),
    maxBackoffMs: positiveInt.optional(),
    exportTimeoutMs: positiveInt.optional(),
  })
  .superRefine((queue, ctx) => {
    const { initialBackoffMs, maxBackoffMs } = queue;
    if (initialBackoffMs !== undefined && maxBackoffMs !== undefined && maxBackoffMs < initialBackoffMs) {
      const expected = `a whole number not below options.queue.initialBackoffMs (${initialBackoffMs})`;
      ctx.addIssue({ code: "custom", path: ["maxBackoffMs"], message: expected, params: { expected } });
    }
  });

/** Shape of HubOptions as plain data; unknown keys are ignored. */
export const hubOptionsSchema = z.object({
  env: z.record(z.string(), z.string().optional()).optional(),
  exporters: z.array(z.string()).optional(),
  adapters: z.array(z.custom<ObservabilityAdapter>(isAdapterInstance)).optional(),
  adapterOptions: z.record(z.string(), z.unknown()).optional(),
  adapterFactories: z.record(z.string(), z.custom(isAdapterFactory)).optional(),
  cwd: text.optional(),
  serviceName: text.optional(),
  environment: text.optional(),
  release: text.optional(),
  sampleRate: z.number().min(0).max(1).optional(),
  hideInputs: z.boolean().optional(),
  hideOutputs: z.boolean().optional(),
  mask: z.custom(isFunction).optional(),
  maxFieldBytes: positiveInt.optional(),
  flushIntervalMs: positiveInt.optional(),
  maxQueueItems: positiveInt.optional(),
  maxQueueBytes: positiveInt.optional(),
  spoolDir: text.optional(),
  spool: z.boolean().optional(),
  spoolMaxBytes: positiveInt.optional(),
  spoolIntervalMs: positiveInt.optional(),
  debug: z.boolean().optional(),
  log: z.custom<Logger>(isLogger).optional(),
  registerShutdownHooks: z.boolean().optional(),
  queue: queueSchema.optional(),
  pricing: pricingOptionsSchema.optional(),
  evaluators: z.array(z.custom<SpanEvaluator>(isEvaluator)).optional(),
  builtinEvaluators: z.union([z.boolean(), z.array(spanKindSchema)]).optional(),
  evaluation: z
    .object({ concurrency: positiveInt.optional(), timeoutMs: positiveInt.optional(), maxPending: positiveInt.optional() })
    .optional(),
});

const WHOLE = "a whole number above 0";
const BOOLEAN = "true or false";
const TEXT = "a non-empty string";

/** What each option takes (queue settings by their own name). */
const EXPECTED: Record<string, string> = {
  env: "an object of environment variables, like process.env",
  exporters: "an array of exporter names",
  adapters: "an array of adapters (objects with a name and an export method)",
  adapterOptions: "an object keyed by exporter name",
  adapterFactories: "an object of adapter factories (with detect and create) keyed by exporter name",
  cwd: TEXT,
  serviceName: TEXT,
  environment: TEXT,
  release: TEXT,
  sampleRate: "a number from 0 to 1",
  hideInputs: BOOLEAN,
  hideOutputs: BOOLEAN,
  mask: "a function (value, field) => value",
  maxFieldBytes: WHOLE,
  flushIntervalMs: WHOLE,
  maxQueueItems: WHOLE,
  maxQueueBytes: WHOLE,
  spoolDir: TEXT,
  spool: BOOLEAN,
  spoolMaxBytes: WHOLE,
  spoolIntervalMs: WHOLE,
  debug: BOOLEAN,
  log: "an object with debug(message) and warn(message) methods",
  registerShutdownHooks: BOOLEAN,
  maxAttempts: WHOLE,
  initialBackoffMs: WHOLE,
  maxBackoffMs: WHOLE,
  exportTimeoutMs: WHOLE,
  pricing: "an object { models?, file?, builtin? }",
  evaluators: "an array of evaluators (objects with a name and an evaluate method)",
  builtinEvaluators: "true, false, or an array of span kinds such as [\"llm\", \"retriever\"]",
  evaluation: "an object { concurrency?, timeoutMs?, maxPending? }",
  concurrency: WHOLE,
  timeoutMs: WHOLE,
  maxPending: WHOLE,
};

/** What one entry of a list or record option takes. */
const ENTRY_EXPECTED: Record<string, string> = {
  env: "a string, as environment values are",
  exporters: "an exporter name (a string)",
  adapters: "an adapter (an object with a name and an export method)",
  adapterFactories: "an adapter factory (an object with detect and create methods)",
  evaluators: "an evaluator (an object with a name and an evaluate method)",
  builtinEvaluators: "a span kind: llm, retriever, reranker, embedding, tool or agent",
};

/** Every invalid option, one problem per option path. */
export function validateHubOptions(options: unknown): ConfigProblem[] {
  if (options === undefined) return [];
  if (typeof options !== "object" || options === null) {
    return [{ source: "options", problem: "options is not an object", fix: "Pass an object to createHub, or nothing" }];
  }
  const parsed = hubOptionsSchema.safeParse(options);
  if (parsed.success) return [];

  const problems = new Map<string, ConfigProblem>();
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const source = formatPath(path);
    if (problems.has(source)) continue;
    const lastKey = String(path.findLast((p) => typeof p === "string") ?? "options");
    const custom = issue.code === "custom" ? (issue.params as { expected?: unknown } | undefined)?.expected : undefined;
    const expected = typeof custom === "string" ? custom : expectedAt(path);
    const value = valueAt(options, path);
    problems.set(source, {
      source,
      problem: `${source} is ${describeOptionValue(lastKey, value)}: expected ${expected}`,
      fix: `Pass ${expected} as ${source}, or leave it out to use the environment or the default`,
    });
  }
  return [...problems.values()];
}

function expectedAt(path: readonly (string | number)[]): string {
  const [option, entry] = path;
  const key = String(option);
  if (path.length === 1) return EXPECTED[key] ?? "a valid value";
  if (key === "queue" || key === "evaluation") return EXPECTED[String(entry)] ?? "a valid value";
  if (key === "pricing") return expectedPricingValue(path.slice(1));
  return ENTRY_EXPECTED[key] ?? "a valid value";
}

function isAdapterInstance(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const adapter = value as Partial<ObservabilityAdapter>;
  return typeof adapter.name === "string" && typeof adapter.export === "function";
}

function isEvaluator(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const evaluator = value as Partial<SpanEvaluator>;
  return typeof evaluator.name === "string" && evaluator.name !== "" && typeof evaluator.evaluate === "function";
}

function isLogger(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const log = value as Partial<Logger>;
  return typeof log.debug === "function" && typeof log.warn === "function";
}

/** `options.queue.maxAttempts`, `options.adapters[1]`. */
function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((out, p) => (typeof p === "number" ? `${out}[${p}]` : `${out}.${p}`), "options");
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Numbers and booleans shown as written, text quoted, anything else by type; secrets never. */
function describeOptionValue(key: string, value: unknown): string {
  if (isSecretName(key)) return "set (value hidden)";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value.length > 80 ? `"${value.slice(0, 77)}..."` : `"${value}"`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
