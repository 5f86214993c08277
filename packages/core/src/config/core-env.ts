// The core's own environment variables, validated with one zod schema so that
// every bad value is reported at once, each as a ConfigProblem naming the
// variable and what was expected. Unset and empty variables are "not set".
import { z } from "zod";
import type { ConfigProblem } from "../adapter.js";
import type { SpanKind } from "../model/span.js";
import { spanKindSchema } from "../model/span-schema.js";
import { describeValue } from "./secrets.js";
import { EXPORTER_LIST_EXPECTED, exporterListFaults, parseExporterList } from "./exporter-names.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Values read from the environment; a field is undefined when its variable is not set. */
export interface CoreEnv {
  exporters?: string[];
  sampleRate?: number;
  hideInputs?: boolean;
  hideOutputs?: boolean;
  serviceName?: string;
  environment?: string;
  release?: string;
  spoolDir?: string;
  /** TRACEHUB_SPOOL: on for every adapter (true), off (false). */
  spool?: boolean;
  spoolMaxBytes?: number;
  spoolIntervalMs?: number;
  debug?: boolean;
  maxFieldBytes?: number;
  flushIntervalMs?: number;
  maxQueueItems?: number;
  maxQueueBytes?: number;
  /** Path of a JSON file of model prices (TRACEHUB_PRICING_FILE). */
  pricingFile?: string;
  /** Built-in evaluators: all (true), none (false) or these kinds. */
  builtinEvaluators?: boolean | SpanKind[];
}

/** Variables read for each field, first set wins. */
export const CORE_ENV_VARIABLES = {
  exporters: ["TRACEHUB_EXPORTERS"],
  sampleRate: ["TRACEHUB_SAMPLE_RATE"],
  hideInputs: ["TRACEHUB_HIDE_INPUTS"],
  hideOutputs: ["TRACEHUB_HIDE_OUTPUTS"],
  serviceName: ["TRACEHUB_SERVICE_NAME", "OTEL_SERVICE_NAME"],
  environment: ["TRACEHUB_ENVIRONMENT"],
  release: ["TRACEHUB_RELEASE"],
  spoolDir: ["TRACEHUB_SPOOL_DIR"],
  spool: ["TRACEHUB_SPOOL"],
  spoolMaxBytes: ["TRACEHUB_SPOOL_MAX_BYTES"],
  spoolIntervalMs: ["TRACEHUB_SPOOL_INTERVAL_MS"],
  debug: ["TRACEHUB_DEBUG"],
  maxFieldBytes: ["TRACEHUB_MAX_FIELD_BYTES"],
  flushIntervalMs: ["TRACEHUB_FLUSH_INTERVAL_MS"],
  maxQueueItems: ["TRACEHUB_MAX_QUEUE_SPANS"],
  maxQueueBytes: ["TRACEHUB_MAX_QUEUE_BYTES"],
  pricingFile: ["TRACEHUB_PRICING_FILE"],
  builtinEvaluators: ["TRACEHUB_BUILTIN_EVALUATORS"],
} as const satisfies Record<keyof CoreEnv, readonly string[]>;

const BOOLEAN_TEXT = /^(true|false|1|0|yes|no)$/i;
const TRUE_TEXT = /^(true|1|yes)$/i;
const SWITCH_TEXT = /^(on|off|true|false|1|0|yes|no)$/i;
const DECIMAL_TEXT = /^\+?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const WHOLE_TEXT = /^\+?\d+$/;

const booleanVar = z
  .string()
  .regex(BOOLEAN_TEXT)
  .transform((v) => TRUE_TEXT.test(v));
const switchVar = z
  .string()
  .regex(SWITCH_TEXT)
  .transform((v) => /^(on|true|1|yes)$/i.test(v));
const fractionVar = z
  .string()
  .regex(DECIMAL_TEXT)
  .transform(Number)
  .pipe(z.number().min(0).max(1));
const positiveIntVar = z
  .string()
  .regex(WHOLE_TEXT)
  .transform(Number)
  .pipe(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER));
/** `true`/`false` (1/0, yes/no), or a comma-separated list of span kinds. */
const builtinEvaluatorsVar = z.union([
  booleanVar,
  z
    .string()
    .transform((v) => v.split(",").map((kind) => kind.trim().toLowerCase()).filter((kind) => kind !== ""))
    .pipe(z.array(spanKindSchema).min(1)),
]);
const exportersVar = z
  .string()
  .transform(parseExporterList)
  .superRefine((names, ctx) => {
    for (const fault of exporterListFaults(names)) ctx.addIssue({ code: "custom", message: fault });
  });

/** zod schema of the core's variables (already trimmed; empty ones removed). */
export const coreEnvSchema = z.object({
  TRACEHUB_EXPORTERS: exportersVar.optional(),
  TRACEHUB_SAMPLE_RATE: fractionVar.optional(),
  TRACEHUB_HIDE_INPUTS: booleanVar.optional(),
  TRACEHUB_HIDE_OUTPUTS: booleanVar.optional(),
  TRACEHUB_SERVICE_NAME: z.string().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  TRACEHUB_ENVIRONMENT: z.string().optional(),
  TRACEHUB_RELEASE: z.string().optional(),
  TRACEHUB_SPOOL_DIR: z.string().optional(),
  TRACEHUB_SPOOL: switchVar.optional(),
  TRACEHUB_SPOOL_MAX_BYTES: positiveIntVar.optional(),
  TRACEHUB_SPOOL_INTERVAL_MS: positiveIntVar.optional(),
  TRACEHUB_DEBUG: booleanVar.optional(),
  TRACEHUB_MAX_FIELD_BYTES: positiveIntVar.optional(),
  TRACEHUB_FLUSH_INTERVAL_MS: positiveIntVar.optional(),
  TRACEHUB_MAX_QUEUE_SPANS: positiveIntVar.optional(),
  TRACEHUB_MAX_QUEUE_BYTES: positiveIntVar.optional(),
  TRACEHUB_PRICING_FILE: z.string().optional(),
  TRACEHUB_BUILTIN_EVALUATORS: builtinEvaluatorsVar.optional(),
});

type CoreVariable = keyof z.input<typeof coreEnvSchema>;

const BOOLEAN_EXPECTED = "true or false (also 1/0, yes/no)";
const WHOLE_EXPECTED = "a whole number above 0";

/** What each variable takes and how to fix a bad value; "unset" always restores the default. */
const VARIABLE_HELP: Partial<Record<CoreVariable, { expected: string; example: string }>> = {
  TRACEHUB_EXPORTERS: { expected: EXPORTER_LIST_EXPECTED, example: "console,langfuse" },
  TRACEHUB_SAMPLE_RATE: { expected: "a number from 0 to 1", example: "0.25" },
  TRACEHUB_HIDE_INPUTS: { expected: BOOLEAN_EXPECTED, example: "true" },
  TRACEHUB_HIDE_OUTPUTS: { expected: BOOLEAN_EXPECTED, example: "true" },
  TRACEHUB_DEBUG: { expected: BOOLEAN_EXPECTED, example: "true" },
  TRACEHUB_SPOOL: { expected: "on or off (also true/false, 1/0, yes/no)", example: "off" },
  TRACEHUB_SPOOL_MAX_BYTES: { expected: WHOLE_EXPECTED, example: "268435456" },
  TRACEHUB_SPOOL_INTERVAL_MS: { expected: WHOLE_EXPECTED, example: "1000" },
  TRACEHUB_MAX_FIELD_BYTES: { expected: WHOLE_EXPECTED, example: "1000000" },
  TRACEHUB_FLUSH_INTERVAL_MS: { expected: WHOLE_EXPECTED, example: "1000" },
  TRACEHUB_MAX_QUEUE_SPANS: { expected: WHOLE_EXPECTED, example: "10000" },
  TRACEHUB_MAX_QUEUE_BYTES: { expected: WHOLE_EXPECTED, example: "67108864" },
  TRACEHUB_BUILTIN_EVALUATORS: {
    expected: "true, false, or span kinds such as llm,retriever (of llm, retriever, reranker, embedding, tool, agent)",
    example: "llm,retriever",
  },
};

const ALL_VARIABLES = Object.keys(coreEnvSchema.shape) as CoreVariable[];

/**
 * Reads the core's variables. Every bad value becomes one problem (all of
 * them, not the first); `values` still holds every variable that was valid.
 */
export function readCoreEnv(env: Env): { values: CoreEnv; problems: ConfigProblem[] } {
  const input = pickSetVariables(env);
  const parsed = coreEnvSchema.safeParse(input);
  if (parsed.success) return { values: toCoreEnv(parsed.data), problems: [] };

  const problems = issuesToProblems(parsed.error.issues, input);
  // Parse again without the bad variables so the good ones still count (debug logging, for one).
  for (const problem of problems) delete input[problem.source as CoreVariable];
  const retry = coreEnvSchema.safeParse(input);
  return { values: retry.success ? toCoreEnv(retry.data) : {}, problems };
}

function pickSetVariables(env: Env): Partial<Record<CoreVariable, string>> {
  const input: Partial<Record<CoreVariable, string>> = {};
  for (const name of ALL_VARIABLES) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== "") input[name] = value;
  }
  return input;
}

/** One problem per variable, however many zod issues it raised. */
function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  input: Partial<Record<CoreVariable, string>>,
): ConfigProblem[] {
  const byVariable = new Map<CoreVariable, string[]>();
  for (const issue of issues) {
    const name = issue.path[0];
    if (typeof name !== "string" || !ALL_VARIABLES.includes(name as CoreVariable)) continue;
    const custom = issue.code === "custom" ? [issue.message] : [];
    const list = byVariable.get(name as CoreVariable) ?? [];
    byVariable.set(name as CoreVariable, [...list, ...custom]);
  }
  return [...byVariable].map(([name, details]) => {
    const help = VARIABLE_HELP[name] ?? { expected: "a non-empty text", example: "value" };
    const detail = details.length > 0 ? ` (${details.join("; ")})` : "";
    return {
      source: name,
      problem: `${name} is ${describeValue(name, input[name])}: expected ${help.expected}${detail}`,
      fix: `Set ${name} to ${help.expected}, e.g. ${name}=${help.example}, or unset it to use the default`,
    };
  });
}

function toCoreEnv(data: z.output<typeof coreEnvSchema>): CoreEnv {
  const values: CoreEnv = {
    exporters: data.TRACEHUB_EXPORTERS,
    sampleRate: data.TRACEHUB_SAMPLE_RATE,
    hideInputs: data.TRACEHUB_HIDE_INPUTS,
    hideOutputs: data.TRACEHUB_HIDE_OUTPUTS,
    serviceName: data.TRACEHUB_SERVICE_NAME ?? data.OTEL_SERVICE_NAME,
    environment: data.TRACEHUB_ENVIRONMENT,
    release: data.TRACEHUB_RELEASE,
    spoolDir: data.TRACEHUB_SPOOL_DIR,
    spool: data.TRACEHUB_SPOOL,
    spoolMaxBytes: data.TRACEHUB_SPOOL_MAX_BYTES,
    spoolIntervalMs: data.TRACEHUB_SPOOL_INTERVAL_MS,
    debug: data.TRACEHUB_DEBUG,
    maxFieldBytes: data.TRACEHUB_MAX_FIELD_BYTES,
    flushIntervalMs: data.TRACEHUB_FLUSH_INTERVAL_MS,
    maxQueueItems: data.TRACEHUB_MAX_QUEUE_SPANS,
    maxQueueBytes: data.TRACEHUB_MAX_QUEUE_BYTES,
    pricingFile: data.TRACEHUB_PRICING_FILE,
    builtinEvaluators: data.TRACEHUB_BUILTIN_EVALUATORS,
  };
  // Drop unset fields so `{ ...defaults, ...env }` style merges stay honest.
  for (const key of Object.keys(values) as (keyof CoreEnv)[]) {
    if (values[key] === undefined) delete values[key];
  }
  return values;
}
