// Shared test fixtures: spans built by hand, a multipart parser that keeps each
// part's headers (what LangSmith's server reads), and an msw recorder.
import { gunzipSync } from "node:zlib";
import type { Score, SpanRecord } from "@tracehub/core";
import { LangSmithAdapter, resolveLangSmithOptions, type LangSmithAdapterOptions } from "../src/index.js";

export const API_KEY = "lsv2_pt_secret0123456789abcdef";
export const ENDPOINT = "https://langsmith.test";
export const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
/** 2023-11-14T22:13:20.000Z */
export const T0 = 1_700_000_000_000;

export function span(spanId: string, over: Partial<SpanRecord> = {}): SpanRecord {
  return {
    traceId: TRACE_ID,
    spanId,
    links: [],
    name: `span-${spanId}`,
    kind: "span",
    startTime: T0,
    endTime: T0 + 100,
    status: "ok",
    attributes: {},
    events: [],
    context: {},
    ...over,
  };
}

export function score(over: Partial<Score> & Pick<Score, "name" | "value">): Score {
  return {
    id: "0b9c4c9e-6f0e-4a38-9d3c-2d1f4f3a1b20",
    traceId: TRACE_ID,
    dataType: typeof over.value === "number" ? "numeric" : typeof over.value === "boolean" ? "boolean" : "categorical",
    source: "api",
    time: T0 + 5000,
    ...over,
  };
}

export function makeAdapter(options: LangSmithAdapterOptions = {}, env: Record<string, string> = {}): LangSmithAdapter {
  const resolved = resolveLangSmithOptions({ apiKey: API_KEY, endpoint: ENDPOINT, ...options }, env);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return new LangSmithAdapter(resolved.options);
}

export interface ParsedPart {
  name: string;
  contentType: string;
  body: string;
}

/** Parses multipart/form-data bytes, keeping each part's Content-Type (FormData drops it for fields). */
export function parseMultipart(body: Uint8Array, contentType: string): ParsedPart[] {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (boundary === undefined) throw new Error(`no boundary in ${contentType}`);
  const text = Buffer.from(body).toString("utf8");
  const sections = text.split(`--${boundary}`);
  const last = sections.pop();
  if (last !== "--\r\n") throw new Error(`body does not end with the closing boundary: ${JSON.stringify(last)}`);
  if (sections.shift() !== "") throw new Error("text before the first boundary");
  return sections.map((section) => {
    if (!section.startsWith("\r\n") || !section.endsWith("\r\n")) throw new Error("part not framed by CRLF");
    const inner = section.slice(2, -2);
    const split = inner.indexOf("\r\n\r\n");
    const headers = inner.slice(0, split).split("\r\n");
    const partBody = inner.slice(split + 4);
    const name = /name="([^"]+)"/.exec(headers.find((h) => h.startsWith("Content-Disposition:")) ?? "")?.[1] ?? "";
    const type = headers.find((h) => h.startsWith("Content-Type:"))?.slice("Content-Type:".length).trim() ?? "";
    return { name, contentType: type, body: partBody };
  });
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Body as received (possibly gzip). */
  raw: Uint8Array;
  /** Body after Content-Encoding is undone. */
  body: Uint8Array;
}

export async function recordRequest(request: Request): Promise<RecordedRequest> {
  const raw = new Uint8Array(await request.arrayBuffer());
  const headers = Object.fromEntries(request.headers.entries());
  const body = headers["content-encoding"] === "gzip" ? new Uint8Array(gunzipSync(raw)) : raw;
  return { method: request.method, path: new URL(request.url).pathname, headers, raw, body };
}

/** Runs of a recorded multipart request, rebuilt from their parts: `post.<id>` plus its field parts. */
export function runsFromMultipart(request: RecordedRequest): Record<string, Record<string, unknown>> {
  const runs: Record<string, Record<string, unknown>> = {};
  for (const part of parseMultipart(request.body, request.headers["content-type"] ?? "")) {
    const [op, id, field] = part.name.split(".");
    if (op !== "post" || id === undefined) throw new Error(`unexpected part ${part.name}`);
    const value: unknown = JSON.parse(part.body);
    runs[id] ??= {};
    if (field === undefined) Object.assign(runs[id], value);
    else runs[id][field] = value;
  }
  return runs;
}

export function jsonBody(request: RecordedRequest): unknown {
  return JSON.parse(Buffer.from(request.body).toString("utf8"));
}

export const INFO_DEFAULT = {
  version: "0.10.0",
  batch_ingest_config: { size_limit: 100, size_limit_bytes: 20_971_520, use_multipart_endpoint: true },
  instance_flags: { gzip_body_enabled: false },
};
