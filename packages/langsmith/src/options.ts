// Options of the LangSmith adapter: the zod schema for code options, the
// LANGSMITH_* / LANGCHAIN_* environment, and how they combine (code first,
// then environment, then defaults). Every bad value is one ConfigProblem with
// a fix; the API key's value never appears in one.
import { z } from "zod";
import type { ConfigProblem } from "@tracehub/core";
import { adapterOptionProblems } from "@tracehub/core";
import { readLangSmithVar, type EnvValue } from "./env-vars.js";
import { isUuid } from "./run-ids.js";
import { DEFAULT_MAX_TRACKED_SPANS } from "./span-lineage.js";

type Env = Readonly<Record<string, string | undefined>>;

export interface LangSmithAdapterOptions {
  /** Env LANGSMITH_API_KEY (legacy LANGCHAIN_API_KEY). Required. */
  apiKey?: string;
  /** Env LANGSMITH_ENDPOINT; default https://api.smith.langchain.com. */
  endpoint?: string;
  /** Project runs go to. Env LANGSMITH_PROJECT; default "default". */
  project?: string;
  /** Workspace for org-scoped keys (header x-tenant-id). Env LANGSMITH_WORKSPACE_ID. */
  workspaceId?: string;
  /** Share of traces sent, 0 to 1, decided per trace id. Env LANGSMITH_TRACING_SAMPLING_RATE; default 1. */
  samplingRate?: number;
  /** Send runs without inputs. Env LANGSMITH_HIDE_INPUTS. */
  hideInputs?: boolean;
  /** Send runs without outputs (token usage stays). Env LANGSMITH_HIDE_OUTPUTS. */
  hideOutputs?: boolean;
  /** Force gzip bodies on or off; default: whatever the server's /info allows. */
  gzip?: boolean;
  /** Timeout of each HTTP request; default 20 000 ms. */
  timeoutMs?: number;
  /**
   * Bound on spans remembered while open (or exported with open children), for
   * dotted_order; default 100 000. Exported spans are then kept for late
   * children and feedback up to 100 000 more (or this bound, when lower).
   */
  maxTrackedSpans?: number;
  /** fetch implementation; default globalThis.fetch. */
  fetch?: typeof fetch;
}

export interface ResolvedLangSmithOptions {
  apiKey: string;
  endpoint: string;
  project: string;
  workspaceId: string | undefined;
  samplingRate: number;
  hideInputs: boolean;
  hideOutputs: boolean;
  gzip: boolean | undefined;
  timeoutMs: number;
  maxTrackedSpans: number;
  fetch: typeof fetch;
}

export const DEFAULT_ENDPOINT = "https://api.smith.langchain.com";
export const DEFAULT_PROJECT = "default";
const DEFAULT_TIMEOUT_MS = 20_000;

const positiveInt = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const text = z.string().trim().min(1);

/** Shape of LangSmithAdapterOptions as data; unknown keys are refused so typos surface. */
export const langsmithOptionsSchema = z.strictObject({
  apiKey: text.optional(),
  endpoint: text.optional(),
  project: text.optional(),
  workspaceId: text.optional(),
  samplingRate: z.number().min(0).max(1).optional(),
  hideInputs: z.boolean().optional(),
  hideOutputs: z.boolean().optional(),
  gzip: z.boolean().optional(),
  timeoutMs: positiveInt.optional(),
  maxTrackedSpans: positiveInt.optional(),
  fetch: z.custom<typeof fetch>((v) => typeof v === "function").optional(),
});

const EXPECTED: Record<string, string> = {
  apiKey: "a non-empty string",
  endpoint: "an http(s) URL",
  project: "a non-empty string",
  workspaceId: "a workspace id (a UUID)",
  samplingRate: "a number from 0 to 1",
  hideInputs: "true or false",
  hideOutputs: "true or false",
  gzip: "true or false",
  timeoutMs: "a whole number above 0",
  maxTrackedSpans: "a whole number above 0",
  fetch: "a fetch function",
};

const SOURCE = "adapterOptions.langsmith";

export type ResolveResult = { ok: true; options: ResolvedLangSmithOptions } | { ok: false; problems: ConfigProblem[] };

/** Combines code options, environment and defaults, collecting every problem. */
export function resolveLangSmithOptions(options: unknown, env: Env): ResolveResult {
  const problems: ConfigProblem[] = [];
  const code = parseCodeOptions(options, problems);
  if (code === undefined) return { ok: false, problems };

  const apiKey = code.apiKey ?? readLangSmithVar(env, "API_KEY")?.value;
  if (apiKey === undefined) {
    problems.push({
      source: "LANGSMITH_API_KEY",
      problem: "LANGSMITH_API_KEY is not set (nor the legacy LANGCHAIN_API_KEY)",
      fix: `Set LANGSMITH_API_KEY to an API key from LangSmith's settings, or pass ${SOURCE}.apiKey`,
    });
  }
  const endpoint = pick(code.endpoint, "endpoint", readLangSmithVar(env, "ENDPOINT"), parseEndpoint, problems);
  const workspaceId = pick(code.workspaceId, "workspaceId", readLangSmithVar(env, "WORKSPACE_ID"), parseWorkspaceId, problems);
  const samplingRate = pick(code.samplingRate, "samplingRate", readLangSmithVar(env, "TRACING_SAMPLING_RATE"), parseRate, problems);
  const hideInputs = pick(code.hideInputs, "hideInputs", readLangSmithVar(env, "HIDE_INPUTS"), parseBoolean, problems);
  const hideOutputs = pick(code.hideOutputs, "hideOutputs", readLangSmithVar(env, "HIDE_OUTPUTS"), parseBoolean, problems);
  if (problems.length > 0 || apiKey === undefined) return { ok: false, problems };

  return {
    ok: true,
    options: {
      apiKey,
      endpoint: endpoint ?? DEFAULT_ENDPOINT,
      project: code.project ?? readLangSmithVar(env, "PROJECT", ["LANGCHAIN_SESSION"])?.value ?? DEFAULT_PROJECT,
      workspaceId,
      samplingRate: samplingRate ?? 1,
      hideInputs: hideInputs ?? false,
      hideOutputs: hideOutputs ?? false,
      gzip: code.gzip,
      timeoutMs: code.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxTrackedSpans: code.maxTrackedSpans ?? DEFAULT_MAX_TRACKED_SPANS,
      fetch: code.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    },
  };
}

function parseCodeOptions(options: unknown, problems: ConfigProblem[]): LangSmithAdapterOptions | undefined {
  if (options === undefined || options === null) return {};
  const parsed = langsmithOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  problems.push(...adapterOptionProblems("langsmith", parsed.error.issues, { known: Object.keys(EXPECTED), expected: EXPECTED }));
  return undefined;
}

type Parser<T> = (text: string) => T | undefined;

/** The code value when given (checked by zod, or by `parse` for URL-like text), else the environment's. */
function pick<T>(
  codeValue: T | string | undefined,
  option: string,
  envValue: EnvValue | undefined,
  parse: Parser<T>,
  problems: ConfigProblem[],
): T | undefined {
  const expected = EXPECTED[option] ?? "a valid value";
  if (codeValue !== undefined) {
    if (typeof codeValue !== "string") return codeValue;
    const parsed = parse(codeValue);
    if (parsed === undefined) {
      problems.push({ source: `${SOURCE}.${option}`, problem: `${SOURCE}.${option} is not ${expected}`, fix: `Pass ${expected}` });
    }
    return parsed;
  }
  if (envValue === undefined) return undefined;
  const parsed = parse(envValue.value);
  if (parsed === undefined) {
    problems.push({
      source: envValue.source,
      problem: `${envValue.source} is ${describe(envValue.value)}: expected ${expected}`,
      fix: `Set ${envValue.source} to ${expected}, or unset it`,
    });
  }
  return parsed;
}

/** The endpoint without trailing slashes; undefined when it is not an http(s) URL. */
export function parseEndpoint(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    return value.replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}

function parseWorkspaceId(value: string): string | undefined {
  return isUuid(value) ? value : undefined;
}

function parseRate(value: string): number | undefined {
  if (!/^\+?(\d+\.?\d*|\.\d+)$/.test(value)) return undefined;
  const rate = Number(value);
  return rate >= 0 && rate <= 1 ? rate : undefined;
}

function parseBoolean(value: string): boolean | undefined {
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  return undefined;
}

/** Quoted and bounded; URLs lose any user:password part. */
function describe(value: string): string {
  const shown = value.replace(/\/\/[^/@\s]*@/, "//***@");
  return `"${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}"`;
}
