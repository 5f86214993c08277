// Each fake backend's protocol, just enough to acknowledge and count ids:
// - otlp: POST /v1/traces (protobuf or JSON, gzip or not) → 200, empty ExportTraceServiceResponse;
// - langfuse: POST /api/public/otel/v1/traces (same, Basic auth) → 200 `{}`;
//   POST /api/public/ingestion (score-create) → 207 {successes, errors};
// - langsmith: GET /info → ingestion limits; POST /runs/multipart → 202;
//   POST /feedback → 200.
// An ingestion route is read into the ids it carries and the answer that
// acknowledges them; faults are applied around it by the server.
import type { IncomingHttpHeaders } from "node:http";
import { parseMultipart, readMultipartRuns } from "./multipart-runs.js";
import { readOtlpSpanIds } from "./otlp-span-ids.js";

export type FakeBackend = "otlp" | "langfuse" | "langsmith";

export interface BackendCredentials {
  /** Langfuse: Basic auth `publicKey:secretKey` required when set. */
  langfuse?: { publicKey: string; secretKey: string };
  /** LangSmith: `x-api-key` required when set. */
  langsmithApiKey?: string;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** An ingestion request read: what it carries and the answer that accepts it. */
export interface Ingestion {
  spanIds: string[];
  scoreIds: string[];
  ack: Answer;
}

/** How the server handles a path: ingestion (faults apply), a fixed answer (never faulted), or unknown. */
export type RouteKind = "ingest" | "info" | "unknown";

export function routeKind(backend: FakeBackend, method: string, path: string): RouteKind {
  if (backend === "langsmith" && method === "GET" && path === "/info") return "info";
  if (method !== "POST") return "unknown";
  switch (backend) {
    case "otlp":
      return path === "/v1/traces" ? "ingest" : "unknown";
    case "langfuse":
      return path === "/api/public/otel/v1/traces" || path === "/api/public/ingestion" ? "ingest" : "unknown";
    case "langsmith":
      return path === "/runs/multipart" || path === "/feedback" ? "ingest" : "unknown";
  }
}

/** GET /info of the fake LangSmith: multipart, gzip bodies, the documented limits. */
export const LANGSMITH_INFO: Answer = {
  status: 200,
  contentType: "application/json",
  body: JSON.stringify({
    version: "fault-server",
    batch_ingest_config: { size_limit: 100, size_limit_bytes: 20_971_520, use_multipart_endpoint: true },
    instance_flags: { gzip_body_enabled: true },
  }),
};

/** An answer refusing the credentials, or undefined when they are right (or not checked). */
export function checkCredentials(backend: FakeBackend, headers: IncomingHttpHeaders, credentials: BackendCredentials): Answer | undefined {
  if (backend === "langfuse" && credentials.langfuse !== undefined) {
    const { publicKey, secretKey } = credentials.langfuse;
    const expected = `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString("base64")}`;
    if (headers.authorization !== expected) return json(401, { message: "Invalid credentials" });
  }
  if (backend === "langsmith" && credentials.langsmithApiKey !== undefined && headers["x-api-key"] !== credentials.langsmithApiKey) {
    return json(401, { detail: "Invalid token" });
  }
  return undefined;
}

/** Reads an (already decompressed) ingestion body; throws when it is malformed. */
export function readIngestion(path: string, contentType: string, body: Buffer): Ingestion {
  switch (path) {
    case "/v1/traces":
      return {
        spanIds: readOtlpSpanIds(body, contentType),
        scoreIds: [],
        ack: /json/i.test(contentType) ? json(200, {}) : { status: 200, contentType: "application/x-protobuf", body: "" },
      };
    case "/api/public/otel/v1/traces":
      return { spanIds: readOtlpSpanIds(body, contentType), scoreIds: [], ack: json(200, {}) };
    case "/api/public/ingestion":
      return readLangfuseBatch(body);
    case "/runs/multipart":
      return readLangSmithRuns(body, contentType);
    case "/feedback": {
      const feedback = JSON.parse(body.toString("utf8")) as { id?: unknown };
      if (typeof feedback.id !== "string") throw new Error("feedback without id");
      return { spanIds: [], scoreIds: [feedback.id], ack: json(200, { id: feedback.id }) };
    }
    default:
      throw new Error(`not an ingestion path: ${path}`);
  }
}

function readLangfuseBatch(body: Buffer): Ingestion {
  const parsed = JSON.parse(body.toString("utf8")) as { batch?: { id?: unknown; type?: unknown; body?: { id?: unknown } }[] };
  if (!Array.isArray(parsed.batch)) throw new Error("ingestion body without batch");
  const scoreIds: string[] = [];
  const successes: { id: string; status: number }[] = [];
  for (const event of parsed.batch) {
    if (typeof event.id !== "string") throw new Error("ingestion event without id");
    successes.push({ id: event.id, status: 201 });
    if (event.type === "score-create" && typeof event.body?.id === "string") scoreIds.push(event.body.id);
  }
  return { spanIds: [], scoreIds, ack: json(207, { successes, errors: [] }) };
}

function readLangSmithRuns(body: Buffer, contentType: string): Ingestion {
  const { runIds, spanIdByRun } = readMultipartRuns(parseMultipart(body, contentType));
  // A run without otel_span_id is counted under its run id, so it shows up as unexpected.
  const spanIds = runIds.map((runId) => spanIdByRun.get(runId) ?? `run:${runId}`);
  return { spanIds, scoreIds: [], ack: json(202, { success: true }) };
}

export function json(status: number, value: unknown): Answer {
  return { status, contentType: "application/json", body: JSON.stringify(value) };
}
