// Shared test plumbing: adapter settings with a recording logger, an adapter
// built through the package's own factory (as createHub builds it), and msw
// handlers that record the exact requests a Langfuse server would receive.
import { gunzipSync } from "node:zlib";
import { http, HttpResponse } from "msw";
import type { AdapterSettings } from "@tracehub/core";
import { tracehubAdapter, type LangfuseAdapter } from "../src/index.js";
import { BASE_URL, KEYS } from "./fixtures.js";

export interface RecordingSettings extends AdapterSettings {
  lines: string[];
}

export function settings(over: Partial<AdapterSettings> = {}): RecordingSettings {
  const lines: string[] = [];
  return {
    serviceName: "rag-api",
    debug: true,
    lines,
    log: { debug: (m) => lines.push(`debug ${m}`), warn: (m) => lines.push(`warn ${m}`) },
    ...over,
  };
}

export async function createAdapter(
  env: Record<string, string | undefined> = KEYS,
  options?: unknown,
  s: RecordingSettings = settings(),
): Promise<LangfuseAdapter> {
  const result = await tracehubAdapter.create(env, options, s);
  if (!result.ok) throw new Error(`factory refused: ${JSON.stringify(result.problems)}`);
  return result.adapter as LangfuseAdapter;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Gunzipped when it was sent compressed. */
  body: Uint8Array;
}

export async function record(request: Request): Promise<RecordedRequest> {
  const raw = new Uint8Array(await request.arrayBuffer());
  const body = request.headers.get("content-encoding") === "gzip" ? new Uint8Array(gunzipSync(raw)) : raw;
  return { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body };
}

export function jsonBody(request: RecordedRequest): any {
  return JSON.parse(new TextDecoder().decode(request.body));
}

export const OTEL_URL = `${BASE_URL}/api/public/otel/v1/traces`;
export const INGESTION_URL = `${BASE_URL}/api/public/ingestion`;

/** The OTLP endpoint answering like Langfuse (200 JSON), recording each request. */
export function otelEndpoint(requests: RecordedRequest[], respond?: (request: RecordedRequest) => Response | Promise<Response>) {
  return http.post(OTEL_URL, async ({ request }) => {
    const recorded = await record(request);
    requests.push(recorded);
    return respond === undefined ? HttpResponse.json({}, { status: 200 }) : respond(recorded);
  });
}

/** The ingestion endpoint; by default every event succeeds with a 207. */
export function ingestionEndpoint(
  requests: RecordedRequest[],
  respond?: (request: RecordedRequest, batch: any[]) => Response | Promise<Response>,
) {
  return http.post(INGESTION_URL, async ({ request }) => {
    const recorded = await record(request);
    requests.push(recorded);
    const batch = jsonBody(recorded).batch as any[];
    if (respond !== undefined) return respond(recorded, batch);
    return HttpResponse.json({ successes: batch.map((e) => ({ id: e.id, status: 201 })), errors: [] }, { status: 207 });
  });
}
