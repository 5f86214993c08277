// What the LangSmith server says about ingestion (GET /info): batch limits,
// whether to use the multipart endpoint, whether it takes gzip bodies. Read
// once and kept. When /info fails the documented defaults apply (100 runs,
// 24 MiB, multipart, no gzip) and /info is asked again a minute later.
import { z } from "zod";

export interface IngestConfig {
  /** Most runs per request (`batch_ingest_config.size_limit`). */
  maxRuns: number;
  /** Most uncompressed bytes per request (`batch_ingest_config.size_limit_bytes`). */
  maxBytes: number;
  /** `batch_ingest_config.use_multipart_endpoint`; default true. */
  useMultipart: boolean;
  /** `instance_flags.gzip_body_enabled`; default false. */
  gzip: boolean;
}

export const DEFAULT_INGEST_CONFIG: Readonly<IngestConfig> = Object.freeze({
  maxRuns: 100,
  maxBytes: 24 * 1024 * 1024,
  useMultipart: true,
  gzip: false,
});

const RETRY_INFO_AFTER_MS = 60_000;

const positiveInt = z.number().int().positive();
// Unknown and malformed fields are ignored one by one: /info describes a whole
// server, and a surprise in one field must not discard the limits.
const infoSchema = z.object({
  batch_ingest_config: z
    .object({
      size_limit: positiveInt.optional().catch(undefined),
      size_limit_bytes: positiveInt.optional().catch(undefined),
      use_multipart_endpoint: z.boolean().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  instance_flags: z
    .object({ gzip_body_enabled: z.boolean().optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

export type InfoFetcher = () => Promise<Response>;

export class ServerInfo {
  readonly #fetchInfo: InfoFetcher;
  readonly #now: () => number;
  #config: IngestConfig | undefined;
  #pending: Promise<IngestConfig> | undefined;
  #failedAt = Number.NEGATIVE_INFINITY;
  /** Why the last /info call failed, for the debug log. */
  lastProblem: string | undefined;

  constructor(fetchInfo: InfoFetcher, now: () => number = Date.now) {
    this.#fetchInfo = fetchInfo;
    this.#now = now;
  }

  /** The server's ingestion settings, or the defaults while /info is unavailable. Never rejects. */
  get(): Promise<IngestConfig> {
    if (this.#config !== undefined) return Promise.resolve(this.#config);
    if (this.#now() - this.#failedAt < RETRY_INFO_AFTER_MS) return Promise.resolve({ ...DEFAULT_INGEST_CONFIG });
    this.#pending ??= this.#load().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #load(): Promise<IngestConfig> {
    try {
      const response = await this.#fetchInfo();
      if (!response.ok) throw new Error(`GET /info answered ${response.status}`);
      const parsed = infoSchema.safeParse(await response.json());
      if (!parsed.success) throw new Error("GET /info answered with an unexpected body");
      const batch = parsed.data.batch_ingest_config;
      this.#config = {
        maxRuns: batch?.size_limit ?? DEFAULT_INGEST_CONFIG.maxRuns,
        maxBytes: batch?.size_limit_bytes ?? DEFAULT_INGEST_CONFIG.maxBytes,
        useMultipart: batch?.use_multipart_endpoint ?? DEFAULT_INGEST_CONFIG.useMultipart,
        gzip: parsed.data.instance_flags?.gzip_body_enabled ?? DEFAULT_INGEST_CONFIG.gzip,
      };
      this.lastProblem = undefined;
      return this.#config;
    } catch (error) {
      this.#failedAt = this.#now();
      this.lastProblem = error instanceof Error ? error.message : String(error);
      return { ...DEFAULT_INGEST_CONFIG };
    }
  }
}
