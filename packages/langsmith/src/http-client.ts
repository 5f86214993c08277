// The HTTP calls to LangSmith: one method per endpoint, each returning a
// RequestOutcome value (never throwing). Auth is `x-api-key`; `x-tenant-id`
// names the workspace when one is set.
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { LangSmithFeedback } from "./map-feedback.js";
import type { LangSmithRun } from "./map-run.js";
import { multipartBody, newBoundary, type EncodedRun } from "./multipart-body.js";
import { networkOutcome, outcomeOf, type RequestOutcome } from "./response-outcome.js";

const gzipAsync = promisify(gzip);
const INFO_TIMEOUT_MS = 10_000;
const USER_AGENT = "tracehub-langsmith";

export interface HttpClientSettings {
  endpoint: string;
  apiKey: string;
  workspaceId?: string | undefined;
  timeoutMs: number;
  fetch: typeof fetch;
}

export class LangSmithHttpClient {
  readonly #settings: HttpClientSettings;
  readonly #secrets: readonly string[];

  constructor(settings: HttpClientSettings) {
    this.#settings = settings;
    this.#secrets = [settings.apiKey];
  }

  /** GET /info; the raw response (ServerInfo reads it). Rejects on network errors. */
  info(): Promise<Response> {
    return this.#settings.fetch(`${this.#settings.endpoint}/info`, {
      method: "GET",
      headers: { ...this.#authHeaders(), Accept: "application/json" },
      signal: AbortSignal.timeout(Math.min(INFO_TIMEOUT_MS, this.#settings.timeoutMs)),
      // Never follow: fetch would re-send x-api-key to wherever the redirect points (it only strips Authorization).
      redirect: "manual",
    });
  }

  /** POST /runs/multipart with every part of `runs`, gzip-compressed when `compress`. */
  async postMultipart(runs: readonly EncodedRun[], compress: boolean): Promise<RequestOutcome> {
    const boundary = newBoundary();
    const raw = multipartBody(
      runs.flatMap((run) => run.parts),
      boundary,
    );
    const headers: Record<string, string> = { "Content-Type": `multipart/form-data; boundary=${boundary}` };
    let body: Uint8Array = raw;
    if (compress) {
      body = await gzipAsync(raw);
      headers["Content-Encoding"] = "gzip";
    }
    return this.#send("POST /runs/multipart", "/runs/multipart", body, headers);
  }

  /** POST /runs/batch {post: [...]}: the older JSON endpoint, for servers without multipart. */
  postBatch(runs: readonly LangSmithRun[]): Promise<RequestOutcome> {
    const body = new TextEncoder().encode(JSON.stringify({ post: runs, patch: [] }));
    return this.#send("POST /runs/batch", "/runs/batch", body, { "Content-Type": "application/json" });
  }

  /** POST /feedback with one feedback record. */
  postFeedback(feedback: LangSmithFeedback): Promise<RequestOutcome> {
    const body = new TextEncoder().encode(JSON.stringify(feedback));
    return this.#send("POST /feedback", "/feedback", body, { "Content-Type": "application/json" });
  }

  async #send(what: string, path: string, body: Uint8Array, headers: Record<string, string>): Promise<RequestOutcome> {
    let response: Response;
    try {
      response = await this.#settings.fetch(`${this.#settings.endpoint}${path}`, {
        method: "POST",
        headers: { ...this.#authHeaders(), Accept: "application/json", ...headers },
        body,
        signal: AbortSignal.timeout(this.#settings.timeoutMs),
        // Never follow: a redirect would carry x-api-key to another host, and turn a POST into a GET that drops the runs.
        redirect: "manual",
      });
    } catch (error) {
      return networkOutcome(error, what, this.#secrets);
    }
    try {
      return await outcomeOf(response, what, this.#secrets);
    } catch (error) {
      return networkOutcome(error, what, this.#secrets);
    }
  }

  #authHeaders(): Record<string, string> {
    const headers: Record<string, string> = { "x-api-key": this.#settings.apiKey, "User-Agent": USER_AGENT };
    if (this.#settings.workspaceId !== undefined) headers["x-tenant-id"] = this.#settings.workspaceId;
    return headers;
  }
}
