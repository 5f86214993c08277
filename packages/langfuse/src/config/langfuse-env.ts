// Reads the Langfuse SDKs' own variables, so existing deployments need no new
// settings. Base URL: LANGFUSE_BASE_URL (current SDKs), then LANGFUSE_BASEURL
// (SDK v2), then LANGFUSE_HOST (Python SDK and many docs). Problems never quote
// a key's value.
import type { ConfigProblem } from "@tracehub/core";
import type { LangfuseIngestion } from "./options-schema.js";

type Env = Readonly<Record<string, string | undefined>>;

export const BASE_URL_VARIABLES = ["LANGFUSE_BASE_URL", "LANGFUSE_BASEURL", "LANGFUSE_HOST"] as const;

export interface LangfuseEnv {
  publicKey?: string;
  secretKey?: string;
  baseUrl?: { value: string; source: string };
  release?: string;
  environment?: string;
  sampleRate?: number;
  ingestion?: LangfuseIngestion;
  timeoutMs?: number;
}

/** A variable's trimmed value, or undefined when unset or blank. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export function readLangfuseEnv(env: Env): { values: LangfuseEnv; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const values: LangfuseEnv = {};

  const publicKey = read(env, "LANGFUSE_PUBLIC_KEY");
  if (publicKey !== undefined) values.publicKey = publicKey;
  const secretKey = read(env, "LANGFUSE_SECRET_KEY");
  if (secretKey !== undefined) values.secretKey = secretKey;

  for (const name of BASE_URL_VARIABLES) {
    const value = read(env, name);
    if (value !== undefined) {
      values.baseUrl = { value, source: name };
      break;
    }
  }

  const release = read(env, "LANGFUSE_RELEASE");
  if (release !== undefined) values.release = release;
  const environment = read(env, "LANGFUSE_TRACING_ENVIRONMENT");
  if (environment !== undefined) values.environment = environment;

  const rate = read(env, "LANGFUSE_SAMPLE_RATE");
  if (rate !== undefined) {
    const parsed = Number(rate);
    if (/^\s*[+]?(\d+\.?\d*|\.\d+)\s*$/.test(rate) && parsed >= 0 && parsed <= 1) values.sampleRate = parsed;
    else {
      problems.push({
        source: "LANGFUSE_SAMPLE_RATE",
        problem: `LANGFUSE_SAMPLE_RATE is "${rate.slice(0, 40)}", not a number from 0 to 1`,
        fix: "Set LANGFUSE_SAMPLE_RATE to a number from 0 to 1 (0.25 keeps one trace in four), or unset it",
      });
    }
  }

  const ingestion = read(env, "LANGFUSE_INGESTION")?.toLowerCase();
  if (ingestion !== undefined) {
    if (ingestion === "otel" || ingestion === "legacy") values.ingestion = ingestion;
    else {
      problems.push({
        source: "LANGFUSE_INGESTION",
        problem: `LANGFUSE_INGESTION is "${ingestion.slice(0, 40)}", not "otel" or "legacy"`,
        fix: `Set LANGFUSE_INGESTION=otel (Langfuse Cloud and self-hosted v3.x with OpenTelemetry) or legacy (older self-hosted servers), or unset it`,
      });
    }
  }

  // The Langfuse SDKs read LANGFUSE_TIMEOUT in seconds.
  const timeout = read(env, "LANGFUSE_TIMEOUT");
  if (timeout !== undefined) {
    const seconds = Number(timeout);
    if (Number.isFinite(seconds) && seconds > 0 && seconds <= 600) values.timeoutMs = Math.round(seconds * 1000);
    else {
      problems.push({
        source: "LANGFUSE_TIMEOUT",
        problem: `LANGFUSE_TIMEOUT is "${timeout.slice(0, 40)}", not a number of seconds from 0 to 600`,
        fix: "Set LANGFUSE_TIMEOUT to the request timeout in seconds (e.g. 10), or unset it",
      });
    }
  }
  return { values, problems };
}
