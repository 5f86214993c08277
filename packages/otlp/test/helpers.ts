// Shared test plumbing: adapter settings with a recording logger, and an
// adapter built through the package's own factory (as createHub builds it).
import { gunzipSync } from "node:zlib";
import type { AdapterSettings, ObservabilityAdapter } from "@tracehub/core";
import { tracehubAdapter, type OtlpAdapter } from "../src/index.js";

export interface RecordingSettings extends AdapterSettings {
  lines: string[];
}

export function settings(serviceName = "unknown_service:node"): RecordingSettings {
  const lines: string[] = [];
  return {
    serviceName,
    debug: true,
    lines,
    log: { debug: (m) => lines.push(`debug ${m}`), warn: (m) => lines.push(`warn ${m}`) },
  };
}

export async function createAdapter(
  env: Record<string, string | undefined>,
  options?: unknown,
  s: RecordingSettings = settings(),
): Promise<OtlpAdapter> {
  const result = await tracehubAdapter.create(env, options, s);
  if (!result.ok) throw new Error(`factory refused: ${JSON.stringify(result.problems)}`);
  return result.adapter as ObservabilityAdapter as OtlpAdapter;
}

/** The request body as sent, gunzipped when it was compressed. */
export async function requestBytes(request: Request): Promise<Uint8Array> {
  const raw = new Uint8Array(await request.arrayBuffer());
  return request.headers.get("content-encoding") === "gzip" ? new Uint8Array(gunzipSync(raw)) : raw;
}
