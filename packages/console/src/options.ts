// Options of the console adapter: the zod schema that checks them, and how
// code, environment and defaults combine (code wins, then env, then defaults).
import { z } from "zod";
import type { ConfigProblem } from "@tracehub/core";
import { adapterOptionProblems } from "@tracehub/core";
import { detectColor } from "./ansi.js";

export type ConsoleFormat = "pretty" | "json";

/** Where output goes: anything with write(string), such as process.stdout or a test buffer. */
export interface ConsoleStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
}

export interface ConsoleAdapterOptions {
  /** "pretty" trees per finished trace, or "json" lines. Env TRACEHUB_CONSOLE_FORMAT; default "pretty". */
  format?: ConsoleFormat;
  /** Default process.stdout. */
  stream?: ConsoleStream;
  /** "auto" (default): on when the stream is a TTY and NO_COLOR is unset; FORCE_COLOR forces it. */
  color?: boolean | "auto";
  /** Traces whose root has not ended yet, held at most (pretty); the oldest print as orphans beyond. Default 1000. */
  maxPendingTraces?: number;
  /** Spans held across all pending traces at most (pretty). Default 50000. */
  maxPendingSpans?: number;
}

export interface ResolvedConsoleOptions {
  format: ConsoleFormat;
  stream: ConsoleStream;
  color: boolean;
  maxPendingTraces: number;
  maxPendingSpans: number;
}

export const CONSOLE_FORMAT_ENV = "TRACEHUB_CONSOLE_FORMAT";
const FORMATS: readonly ConsoleFormat[] = ["pretty", "json"];
const DEFAULT_MAX_PENDING_TRACES = 1000;
const DEFAULT_MAX_PENDING_SPANS = 50_000;

const positiveInt = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

function isStream(value: unknown): value is ConsoleStream {
  return typeof value === "object" && value !== null && typeof (value as ConsoleStream).write === "function";
}

/** Shape of ConsoleAdapterOptions as data; unknown keys are refused so typos surface. */
export const consoleOptionsSchema = z.strictObject({
  format: z.enum(["pretty", "json"]).optional(),
  stream: z.custom<ConsoleStream>(isStream, { message: "a stream with a write(string) method" }).optional(),
  color: z.union([z.boolean(), z.literal("auto")]).optional(),
  maxPendingTraces: positiveInt.optional(),
  maxPendingSpans: positiveInt.optional(),
});

const EXPECTED: Record<string, string> = {
  format: `"pretty" or "json"`,
  stream: "a stream with a write(string) method",
  color: `true, false or "auto"`,
  maxPendingTraces: "a whole number above 0",
  maxPendingSpans: "a whole number above 0",
};

/** Every problem with the code options and the environment; empty when both are usable. */
export function validateConsoleOptions(
  options: unknown,
  env: Readonly<Record<string, string | undefined>>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (options !== undefined && options !== null) {
    const parsed = consoleOptionsSchema.safeParse(options);
    if (!parsed.success) {
      problems.push(...adapterOptionProblems("console", parsed.error.issues, { known: Object.keys(EXPECTED), expected: EXPECTED }));
    }
  }
  const codeFormat = isRecord(options) ? options["format"] : undefined;
  const envFormat = env[CONSOLE_FORMAT_ENV];
  // The environment is read only when code does not set the format, so only then can it be wrong.
  if (codeFormat === undefined && envFormat !== undefined && envFormat.trim() !== "" && parseFormat(envFormat) === undefined) {
    const shown = envFormat.length > 40 ? `${envFormat.slice(0, 40)}…` : envFormat;
    problems.push({
      source: CONSOLE_FORMAT_ENV,
      problem: `${CONSOLE_FORMAT_ENV} is "${shown}": expected "pretty" or "json"`,
      fix: `Set ${CONSOLE_FORMAT_ENV}=pretty or ${CONSOLE_FORMAT_ENV}=json, or unset it for pretty`,
    });
  }
  return problems;
}

/** Combines code options, environment and defaults; an unusable env value falls back to the default. */
export function resolveConsoleOptions(
  options: ConsoleAdapterOptions,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedConsoleOptions {
  const stream = options.stream ?? defaultStream();
  const color = options.color ?? "auto";
  return {
    format: options.format ?? parseFormat(env[CONSOLE_FORMAT_ENV]) ?? "pretty",
    stream,
    color: color === "auto" ? detectColor(stream, env) : color,
    maxPendingTraces: options.maxPendingTraces ?? DEFAULT_MAX_PENDING_TRACES,
    maxPendingSpans: options.maxPendingSpans ?? DEFAULT_MAX_PENDING_SPANS,
  };
}

/** "pretty" / "json", case and surrounding blanks ignored; undefined for anything else. */
export function parseFormat(value: string | undefined): ConsoleFormat | undefined {
  if (value === undefined) return undefined;
  const normalized = value.trim().toLowerCase();
  return FORMATS.find((f) => f === normalized);
}

/** process.stdout where there is one; runtimes without it (edge) get console.log. */
function defaultStream(): ConsoleStream {
  const stdout = (globalThis as { process?: { stdout?: unknown } }).process?.stdout;
  if (isStream(stdout)) return stdout;
  return { write: (chunk: string) => console.log(chunk.replace(/\n$/, "")) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
