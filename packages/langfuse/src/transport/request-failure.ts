// Whole-request failures from Langfuse as ExportResult values, with messages
// that say what to do. 401/403 and other 4xx are permanent (retrying cannot fix
// a key or a payload); 408, 429 and every 5xx are retried, honouring
// Retry-After: Langfuse answers 500 when it cannot queue a batch for a moment.
import type { ExportResult } from "@tracehub/core";

export type LangfuseEndpoint = "otel" | "ingestion";

const ENDPOINT_NAME: Readonly<Record<LangfuseEndpoint, string>> = {
  otel: "/api/public/otel/v1/traces",
  ingestion: "/api/public/ingestion",
};

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * `detail` is "HTTP <status>" plus the server's own (already scrubbed) message.
 * Never includes a key: only the names of the variables to check.
 */
export function failureResult(status: number, detail: string, afterMs: number | undefined, endpoint: LangfuseEndpoint): ExportResult {
  const where = `Langfuse ${ENDPOINT_NAME[endpoint]}`;
  if (isRetryableStatus(status)) {
    const reason = `${where} answered ${detail}`;
    return afterMs === undefined ? { kind: "retry", reason } : { kind: "retry", afterMs, reason };
  }
  return { kind: "fail", reason: `${where} answered ${detail}; ${advice(status, detail, endpoint)}` };
}

function advice(status: number, detail: string, endpoint: LangfuseEndpoint): string {
  if (status === 401) {
    return "check LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY, and that LANGFUSE_BASE_URL is the server (or cloud region) the keys were created on";
  }
  if (status === 403) {
    return /suspend|usage|threshold/i.test(detail)
      ? "ingestion is suspended because the Langfuse organisation exceeded its usage limit: upgrade the plan or wait for the limit to reset"
      : "the keys may not use this project (use a project's API keys, not an organisation key)";
  }
  if (status === 404 && endpoint === "otel") {
    return "this Langfuse server has no OpenTelemetry endpoint (older self-hosted versions): upgrade it, or set LANGFUSE_INGESTION=legacy";
  }
  if (status === 404) return "check LANGFUSE_BASE_URL (it must be the Langfuse server's root URL, without /api)";
  if (status === 413) return "the request is larger than the server (or a proxy in front of it) accepts: lower maxBatchBytes or maxFieldBytes";
  if (status >= 300 && status < 400) return "check LANGFUSE_BASE_URL: the server redirects (often http:// instead of https://, or a missing path)";
  return "not retried: the server refuses this request as it is";
}
