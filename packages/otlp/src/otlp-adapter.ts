// The OTLP adapter: encodes a batch (protobuf or JSON), sends it with one HTTP
// request and maps the outcome. Batching, retries and backoff are core's
// DeliveryQueue's; this class never throws and its export never rejects.
import type { AdapterSettings, ExportBatch, ExportResult, Logger, ObservabilityAdapter } from "@tracehub/core";
import { encodeTraceRequest, encodeTraceRequestJson, type TraceRequestOptions } from "./encode/encode-trace-request.js";
import { postOtlp } from "./transport/http-export.js";
import { mapOtlpOutcome } from "./transport/map-response.js";
import type { ResolvedOtlpConfig } from "./transport/otlp-options.js";

/** What the adapter counted since it was created. */
export interface OtlpAdapterStats {
  /** HTTP requests sent (retries included). */
  requests: number;
  /** 2xx responses that carried a partial_success. */
  partialSuccesses: number;
  /** Spans the collector said it rejected in those responses. */
  rejectedSpans: number;
  /** The last partial_success error_message, truncated. */
  lastPartialSuccessMessage?: string;
}

export class OtlpAdapter implements ObservabilityAdapter {
  readonly name = "otlp";
  readonly limits: ResolvedOtlpConfig["limits"];
  private readonly encodeOptions: TraceRequestOptions;
  private readonly secrets: string[];
  private readonly log: Logger;
  private readonly counters: OtlpAdapterStats = { requests: 0, partialSuccesses: 0, rejectedSpans: 0 };

  constructor(
    private readonly config: ResolvedOtlpConfig,
    settings: Pick<AdapterSettings, "log">,
  ) {
    this.limits = config.limits;
    this.log = settings.log;
    this.secrets = headerSecrets(config.headers);
    this.encodeOptions = { resource: config.resource, attributeMappers: config.mappers, scoreEvents: config.scoreEvents };
  }

  /** Where spans go (no credentials: the URL is the configured one, headers are not part of it). */
  get url(): string {
    return this.config.url;
  }

  stats(): OtlpAdapterStats {
    return { ...this.counters };
  }

  async export(batch: ExportBatch): Promise<ExportResult> {
    try {
      return await this.send(batch);
    } catch (error) {
      // Only a bug can land here (encoding is total, transport errors are values): retrying would not help.
      return { kind: "fail", reason: `otlp export failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async send(batch: ExportBatch): Promise<ExportResult> {
    const { config } = this;
    const encode = config.protocol === "http/json" ? encodeTraceRequestJson : encodeTraceRequest;
    const encoded = encode(batch, this.encodeOptions);
    const rejected = encoded.invalid;
    if (encoded.spanCount === 0) return rejected.length > 0 ? { kind: "partial", rejected } : { kind: "ok" };

    this.counters.requests++;
    const outcome = await postOtlp({
      url: config.url,
      protocol: config.protocol,
      compression: config.compression,
      timeoutMs: config.timeoutMs,
      headers: config.headers,
      body: encoded.body,
    });
    const mapped = mapOtlpOutcome(outcome, this.secrets);
    if (mapped.partialSuccess !== undefined) {
      const { rejectedSpans, errorMessage } = mapped.partialSuccess;
      this.counters.partialSuccesses++;
      this.counters.rejectedSpans += rejectedSpans;
      this.counters.lastPartialSuccessMessage = errorMessage;
      this.log.warn(
        `otlp: the collector accepted the batch but rejected ${rejectedSpans} of ${encoded.spanCount} spans` +
          (errorMessage === "" ? "" : `: ${errorMessage}`) +
          " (not retried: the OTLP specification forbids resending a partial success)",
      );
    }
    if (mapped.result.kind === "ok" && rejected.length > 0) return { kind: "partial", rejected };
    return mapped.result;
  }
}

/** Header values, and their words (the token of "Bearer <token>"), longest first, to scrub from server text. */
function headerSecrets(headers: Readonly<Record<string, string>>): string[] {
  const secrets = new Set<string>();
  for (const value of Object.values(headers)) {
    if (value.length >= 4) secrets.add(value);
    for (const word of value.split(/\s+/)) if (word.length >= 8) secrets.add(word);
  }
  return [...secrets].sort((a, b) => b.length - a.length);
}
