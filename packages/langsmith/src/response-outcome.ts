// What a LangSmith answer means for delivery. 2xx and 409 (the server already
// holds this payload: ingestion is idempotent per id) are delivered. 408, 425,
// 429 and 5xx are worth another try, after Retry-After when the server sent
// one. Everything else is permanent and reported with the server's own
// message, cut short and with the API key scrubbed out.
import { parseRetryAfter } from "@tracehub/core";

export type RequestOutcome =
  | { kind: "ok" }
  | { kind: "retry"; afterMs?: number; reason: string }
  | { kind: "fail"; reason: string; status?: number };

const RETRY_STATUSES = new Set([408, 425, 429]);
const MAX_MESSAGE_CHARS = 300;

export const WORKSPACE_HINT =
  "the API key is org-scoped and needs a workspace: set LANGSMITH_WORKSPACE_ID " +
  "(or adapterOptions.langsmith.workspaceId) to the id of the workspace to trace into";

/** Reads a response into an outcome. `what` names the call, e.g. "POST /runs/multipart". */
export async function outcomeOf(response: Response, what: string, secrets: readonly string[]): Promise<RequestOutcome> {
  const { status } = response;
  const body = await readText(response);
  if ((status >= 200 && status < 300) || status === 409) return { kind: "ok" };
  // Scrub before cutting short, so a cut can never leave half a key behind.
  const message = serverMessage(scrub(body, secrets));
  const reason = `${what} answered ${status}${response.statusText ? ` ${response.statusText}` : ""}${message ? `: ${message}` : ""}`;
  if (RETRY_STATUSES.has(status) || status >= 500) {
    const afterMs = parseRetryAfter(response.headers.get("retry-after"));
    return afterMs === undefined ? { kind: "retry", reason } : { kind: "retry", afterMs, reason };
  }
  if (status === 403 && body.includes("org_scoped_key_requires_workspace")) {
    return { kind: "fail", status, reason: `${what} answered 403: ${WORKSPACE_HINT}` };
  }
  if (status === 401) return { kind: "fail", status, reason: `${reason} (check LANGSMITH_API_KEY)` };
  if (status >= 300 && status < 400) {
    return { kind: "fail", status, reason: `${what} answered ${status} (a redirect: set LANGSMITH_ENDPOINT to the URL it points to)` };
  }
  return { kind: "fail", status, reason };
}

/** A fetch that threw: connection refused, reset, DNS, timeout. Always worth a retry. */
export function networkOutcome(error: unknown, what: string, secrets: readonly string[]): RequestOutcome {
  const name = error instanceof Error ? error.name : "Error";
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "retry", reason: scrub(`${what} failed: ${name}: ${message}${cause}`, secrets) };
}

/** `detail`, `error` or `message` of a JSON error body, else the raw text; one line, bounded. */
function serverMessage(body: string): string {
  let text = body.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const found = record.detail ?? record.error ?? record.message;
      if (found !== undefined) text = typeof found === "string" ? found : JSON.stringify(found);
    }
  } catch {
    // not JSON: keep the text
  }
  text = text.replace(/\s+/g, " ");
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("***");
  return out;
}

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return "";
  }
}
