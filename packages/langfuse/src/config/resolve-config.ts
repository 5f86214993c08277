// How code options, the Langfuse environment variables and the defaults
// combine: code wins, then the environment, then the defaults. Every problem is
// a ConfigProblem; secrets and URLs are never quoted.
import type { AdapterLimits, ConfigProblem } from "@tracehub/core";
import { adapterOptionProblems } from "@tracehub/core";
import type { SpanAttributeMapper } from "@tracehub/otlp";
import { sanitizeEnvironment } from "../mapping/environment.js";
import { checkKeyPair } from "./key-pair.js";
import { readLangfuseEnv } from "./langfuse-env.js";
import {
  langfuseOptionsSchema,
  OPTION_EXPECTED,
  type LangfuseAdapterOptions,
  type LangfuseIngestion,
  type LangfuseProtocol,
} from "./options-schema.js";

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_BASE_URL = "https://cloud.langfuse.com";
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Per field (input, output, metadata), once JSON-encoded: Langfuse's own SDKs warn past 1 MB. */
export const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;
/**
 * 3 MiB estimated per batch keeps a legacy batch under the ingestion API's
 * 3.5 MB limit (the limit is enforced again on the real bytes) and an OTLP
 * request well below the 4-5 MB body limits of common proxies in front of
 * self-hosted servers; 512 spans matches the OpenTelemetry SDK's batch size.
 */
export const DEFAULT_LIMITS: Required<AdapterLimits> = { maxBatchItems: 512, maxBatchBytes: 3 * 1024 * 1024, concurrency: 2 };

export interface ResolvedLangfuseConfig {
  publicKey: string;
  secretKey: string;
  /** No trailing slash. */
  baseUrl: string;
  ingestion: LangfuseIngestion;
  /** Already sanitised to Langfuse's rules; undefined: the span's own, sanitised. */
  environment: string | undefined;
  release: string | undefined;
  sampleRate: number;
  publicTraces: boolean | undefined;
  protocol: LangfuseProtocol;
  gzip: boolean;
  timeoutMs: number;
  maxFieldBytes: number;
  typedObservationEvents: boolean;
  /** Lower-case names. */
  headers: Record<string, string>;
  extraAttributeMappers: readonly SpanAttributeMapper[];
  limits: Required<AdapterLimits>;
  /** Notes for the debug log (e.g. an environment that had to be sanitised). */
  notes: string[];
}

const OPTION = (key: string): string => `adapterOptions.langfuse.${key}`;

export function resolveLangfuseConfig(
  options: unknown,
  env: Env,
): { ok: true; config: ResolvedLangfuseConfig } | { ok: false; problems: ConfigProblem[] } {
  const problems = validateCodeOptions(options);
  const fromEnv = readLangfuseEnv(env);
  problems.push(...fromEnv.problems);
  if (problems.length > 0) return { ok: false, problems };

  const code = (options ?? {}) as LangfuseAdapterOptions;
  const e = fromEnv.values;
  const publicKey = code.publicKey ?? e.publicKey;
  const secretKey = code.secretKey ?? e.secretKey;
  problems.push(
    ...checkKeyPair({
      publicKey,
      secretKey,
      publicSource: code.publicKey !== undefined ? OPTION("publicKey") : "LANGFUSE_PUBLIC_KEY",
      secretSource: code.secretKey !== undefined ? OPTION("secretKey") : "LANGFUSE_SECRET_KEY",
    }),
  );

  const baseUrlSource = code.baseUrl !== undefined ? OPTION("baseUrl") : (e.baseUrl?.source ?? "default");
  const baseUrl = normalizeBaseUrl(code.baseUrl ?? e.baseUrl?.value ?? DEFAULT_BASE_URL);
  if (baseUrl === undefined) {
    problems.push({
      source: baseUrlSource,
      problem: `${baseUrlSource} is not an http:// or https:// URL`,
      fix: `Set ${baseUrlSource} to the Langfuse server's address, e.g. https://cloud.langfuse.com, https://us.cloud.langfuse.com or http://localhost:3000`,
    });
  }
  if (problems.length > 0 || publicKey === undefined || secretKey === undefined || baseUrl === undefined) {
    return { ok: false, problems };
  }

  const notes: string[] = [];
  const rawEnvironment = code.environment ?? e.environment;
  let environment: string | undefined;
  if (rawEnvironment !== undefined) {
    environment = sanitizeEnvironment(rawEnvironment);
    if (environment !== rawEnvironment) {
      notes.push(
        environment === undefined
          ? `langfuse: environment "${rawEnvironment.slice(0, 60)}" has no usable characters for Langfuse ([a-z0-9-_]); the span's own environment is used instead`
          : `langfuse: environment "${rawEnvironment.slice(0, 60)}" sanitised to "${environment}" (Langfuse allows lowercase [a-z0-9-_], at most 40 characters, not starting with "langfuse")`,
      );
    }
  }

  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(code.headers ?? {})) headers[key.toLowerCase()] = value;

  return {
    ok: true,
    config: {
      publicKey,
      secretKey,
      baseUrl,
      ingestion: code.ingestion ?? e.ingestion ?? "otel",
      environment,
      release: code.release ?? e.release,
      sampleRate: code.sampleRate ?? e.sampleRate ?? 1,
      publicTraces: code.publicTraces,
      protocol: code.protocol ?? "http/protobuf",
      gzip: code.gzip ?? true,
      timeoutMs: code.timeoutMs ?? e.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxFieldBytes: code.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
      typedObservationEvents: code.typedObservationEvents ?? true,
      headers,
      extraAttributeMappers: code.extraAttributeMappers ?? [],
      limits: {
        maxBatchItems: code.maxBatchItems ?? DEFAULT_LIMITS.maxBatchItems,
        maxBatchBytes: code.maxBatchBytes ?? DEFAULT_LIMITS.maxBatchBytes,
        concurrency: code.concurrency ?? DEFAULT_LIMITS.concurrency,
      },
      notes,
    },
  };
}

/** The URL without trailing slashes, or undefined when it is not http(s). */
function normalizeBaseUrl(value: string): string | undefined {
  const trimmed = value.trim().replace(/\/+$/, "");
  try {
    const url = new URL(trimmed);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    return trimmed;
  } catch {
    return undefined;
  }
}

function validateCodeOptions(options: unknown): ConfigProblem[] {
  if (options === undefined || options === null) return [];
  const parsed = langfuseOptionsSchema.safeParse(options);
  if (parsed.success) return [];
  return adapterOptionProblems("langfuse", parsed.error.issues, {
    known: Object.keys(langfuseOptionsSchema.shape),
    expected: OPTION_EXPECTED,
  });
}
