// One JSON POST to Langfuse's batch ingestion API. Network failures and
// timeouts are values, not throws; the response is read with a bound large
// enough for a 207 listing every event of a 3.5 MB batch.
import { describeFetchError } from "@tracehub/core";
import { LANGFUSE_PACKAGE_VERSION } from "../version.js";

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface JsonRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  timeoutMs: number;
}

export type JsonOutcome =
  | { kind: "response"; status: number; retryAfter: string | null; json: unknown; text: string }
  | { kind: "network"; reason: string };

export async function postJson(request: JsonRequest): Promise<JsonOutcome> {
  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers: {
        "user-agent": `tracehub-langfuse/${LANGFUSE_PACKAGE_VERSION}`,
        ...request.headers,
        "content-type": "application/json",
      },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
      // A POST turned into a GET by a redirect would lose the batch: report it instead.
      redirect: "manual",
    });
    const text = await readBounded(response);
    return { kind: "response", status: response.status, retryAfter: response.headers.get("retry-after"), json: parseJson(text), text };
  } catch (error) {
    return { kind: "network", reason: describeFetchError(error, request.timeoutMs) };
  }
}

async function readBounded(response: Response): Promise<string> {
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return new TextDecoder().decode(bytes.length > MAX_RESPONSE_BYTES ? bytes.subarray(0, MAX_RESPONSE_BYTES) : bytes);
  } catch {
    return "";
  }
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The server's message from a JSON error body ({message}, {error}) or its text, one line, bounded. */
export function serverMessage(json: unknown, text: string): string {
  let message = "";
  if (typeof json === "object" && json !== null) {
    const body = json as { message?: unknown; error?: unknown };
    const parts = [body.message, body.error].filter((p): p is string => typeof p === "string" && p !== "");
    message = [...new Set(parts)].join(": ");
  }
  if (message === "") message = text;
  message = message.replace(/\s+/g, " ").trim();
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}
