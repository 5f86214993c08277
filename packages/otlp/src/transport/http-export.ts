// One OTLP/HTTP request: POST the encoded body (gzipped when asked) with the
// configured headers and a timeout, and read the response. Network failures
// and timeouts are values, not throws.
import { gzip } from "node:zlib";
import { promisify } from "node:util";
import { describeFetchError } from "@tracehub/core";
import { OTLP_PACKAGE_VERSION } from "../version.js";
import type { OtlpCompression, OtlpProtocol } from "./otlp-env.js";

const gzipAsync = promisify(gzip);

/** Most response bytes read: enough for any status message, bounded against a hostile server. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface HttpRequest {
  url: string;
  protocol: OtlpProtocol;
  compression: OtlpCompression;
  timeoutMs: number;
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
}

export type HttpOutcome =
  | { kind: "response"; status: number; contentType: string; retryAfter: string | null; body: Uint8Array }
  | { kind: "network"; reason: string };

export async function postOtlp(request: HttpRequest): Promise<HttpOutcome> {
  const headers: Record<string, string> = {
    "user-agent": `tracehub-otlp/${OTLP_PACKAGE_VERSION}`,
    ...request.headers,
    "content-type": request.protocol === "http/json" ? "application/json" : "application/x-protobuf",
  };
  let body = request.body;
  if (request.compression === "gzip") {
    body = await gzipAsync(body);
    headers["content-encoding"] = "gzip";
  }
  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(request.timeoutMs),
      // A POST silently turned into a GET by a 301/302 would lose the spans: report redirects instead.
      redirect: "manual",
    });
    return {
      kind: "response",
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      retryAfter: response.headers.get("retry-after"),
      body: await readBounded(response),
    };
  } catch (error) {
    return { kind: "network", reason: describeFetchError(error, request.timeoutMs) };
  }
}

async function readBounded(response: Response): Promise<Uint8Array> {
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.length > MAX_RESPONSE_BYTES ? bytes.subarray(0, MAX_RESPONSE_BYTES) : bytes;
  } catch {
    return new Uint8Array(0);
  }
}

