// OTLP/HTTP outcomes as core's ExportResult (opentelemetry-proto
// docs/specification.md, "OTLP/HTTP Response"): only 429, 502, 503, 504 and
// connection failures are retried, honouring Retry-After; any other failure is
// permanent and carries the server's own message; a 200 with partial_success
// is delivered (never retried) and reported separately.
import { parseRetryAfter, type ExportResult } from "@tracehub/core";
import { readPartialSuccess, readRpcStatusMessage, type PartialSuccess } from "../proto/proto-reader.js";
import type { HttpOutcome } from "./http-export.js";

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const MAX_MESSAGE = 300;

export interface MappedOutcome {
  result: ExportResult;
  /** Present when a successful response reported rejected spans. */
  partialSuccess?: PartialSuccess;
}

/** `secrets`: header values to scrub from any text the server echoes back. */
export function mapOtlpOutcome(outcome: HttpOutcome, secrets: readonly string[], now = Date.now()): MappedOutcome {
  if (outcome.kind === "network") return { result: { kind: "retry", reason: outcome.reason } };
  const { status } = outcome;
  if (status >= 200 && status < 300) {
    const partial = successPartial(outcome);
    return partial === undefined ? { result: { kind: "ok" } } : { result: { kind: "ok" }, partialSuccess: partial };
  }
  const message = scrub(responseMessage(outcome), secrets);
  const reason = `HTTP ${status}${message === "" ? "" : `: ${message}`}`;
  if (RETRYABLE_STATUS.has(status)) {
    const afterMs = parseRetryAfter(outcome.retryAfter, now);
    return { result: afterMs === undefined ? { kind: "retry", reason } : { kind: "retry", afterMs, reason } };
  }
  if (status >= 300 && status < 400) {
    return { result: { kind: "fail", reason: `${reason} (redirect; set the endpoint to the URL it points to)` } };
  }
  return { result: { kind: "fail", reason } };
}

function isJson(contentType: string): boolean {
  return /\bjson\b/i.test(contentType);
}

function isProtobuf(contentType: string): boolean {
  return /protobuf/i.test(contentType);
}

/** partial_success with something rejected or said; an empty one means full success. */
function successPartial(outcome: Extract<HttpOutcome, { kind: "response" }>): PartialSuccess | undefined {
  if (outcome.body.length === 0) return undefined;
  let partial: PartialSuccess | undefined;
  if (isJson(outcome.contentType)) {
    const parsed = parseJson(outcome.body) as { partialSuccess?: { rejectedSpans?: unknown; errorMessage?: unknown } } | undefined;
    const p = parsed?.partialSuccess;
    if (p !== undefined && p !== null && typeof p === "object") {
      partial = { rejectedSpans: Number(p.rejectedSpans ?? 0) || 0, errorMessage: typeof p.errorMessage === "string" ? p.errorMessage : "" };
    }
  } else {
    partial = readPartialSuccess(outcome.body);
  }
  if (partial === undefined || (partial.rejectedSpans === 0 && partial.errorMessage === "")) return undefined;
  return { rejectedSpans: partial.rejectedSpans, errorMessage: truncate(partial.errorMessage) };
}

/** The server's message: google.rpc.Status for protobuf, `message` of a JSON Status, else the text. */
function responseMessage(outcome: Extract<HttpOutcome, { kind: "response" }>): string {
  const { body, contentType } = outcome;
  if (body.length === 0) return "";
  if (isProtobuf(contentType)) {
    const message = readRpcStatusMessage(body);
    if (message !== undefined) return truncate(message);
  }
  const text = new TextDecoder().decode(body);
  if (isJson(contentType) || text.trimStart().startsWith("{")) {
    const parsed = parseJson(body) as { message?: unknown; error?: unknown } | undefined;
    if (typeof parsed?.message === "string") return truncate(parsed.message);
    if (typeof parsed?.error === "string") return truncate(parsed.error);
  }
  return truncate(text.replace(/\s+/g, " ").trim());
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text;
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join("[REDACTED]");
  return out;
}
