// Delivers encoded runs: cut into requests by the server's limits, sent to
// /runs/multipart, or to /runs/batch when the server has no multipart
// endpoint (it answers 404, or /info says so). The fallback is remembered for
// the adapter's lifetime, as LangSmith's SDK does.
import type { Logger } from "@tracehub/core";
import type { LangSmithHttpClient } from "./http-client.js";
import { sendInOrder, type ItemOutcome } from "./item-outcomes.js";
import type { EncodedRun } from "./multipart-body.js";
import type { RequestOutcome } from "./response-outcome.js";
import { chunkRuns } from "./run-chunks.js";
import type { IngestConfig, ServerInfo } from "./server-info.js";

export class RunSender {
  readonly #http: LangSmithHttpClient;
  readonly #info: ServerInfo;
  /** Code's gzip choice; undefined follows the server's /info. */
  readonly #gzip: boolean | undefined;
  readonly #log: Logger | undefined;
  #multipartMissing = false;

  constructor(http: LangSmithHttpClient, info: ServerInfo, gzip: boolean | undefined, log?: Logger) {
    this.#http = http;
    this.#info = info;
    this.#gzip = gzip;
    this.#log = log;
  }

  /** True once the server answered 404 on /runs/multipart. */
  get usesBatchEndpoint(): boolean {
    return this.#multipartMissing;
  }

  async send(runs: readonly EncodedRun[]): Promise<ItemOutcome[]> {
    if (runs.length === 0) return [];
    const config = await this.#info.get();
    const chunks = chunkRuns(runs, config.maxRuns, config.maxBytes);
    return sendInOrder(
      chunks,
      (chunk) => chunk.map((run) => run.itemId),
      (chunk) => this.#sendChunk(chunk, config),
    );
  }

  async #sendChunk(chunk: readonly EncodedRun[], config: IngestConfig): Promise<RequestOutcome> {
    if (config.useMultipart && !this.#multipartMissing) {
      const outcome = await this.#http.postMultipart(chunk, this.#gzip ?? config.gzip);
      if (outcome.kind !== "fail" || outcome.status !== 404) return outcome;
      this.#multipartMissing = true;
      this.#log?.debug("langsmith: /runs/multipart answered 404; sending runs to /runs/batch from now on");
    }
    return this.#http.postBatch(chunk.map((run) => run.run));
  }
}
