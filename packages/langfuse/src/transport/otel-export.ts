// Spans to Langfuse's OTLP endpoint, through @tracehub/otlp's public encoder and
// transport: protobuf (or JSON), gzip, Basic auth and
// `x-langfuse-ingestion-version: 4` (the direct write path, so traces show up
// at once). Outcomes follow Langfuse rather than the OTLP default: 500 is retried too.
import { parseRetryAfter, type ExportResult, type Logger, type ReadonlySpan, type RejectedItem } from "@tracehub/core";
import {
  encodeTraceRequest,
  encodeTraceRequestJson,
  mapOtlpOutcome,
  postOtlp,
  type AttributeEntries,
  type SpanAttributeMapper,
} from "@tracehub/otlp";
import { failureResult } from "./request-failure.js";
import type { LangfuseProtocol } from "../config/options-schema.js";

export interface OtelTarget {
  url: string;
  protocol: LangfuseProtocol;
  gzip: boolean;
  timeoutMs: number;
  headers: Readonly<Record<string, string>>;
  resource: AttributeEntries;
  mappers: readonly SpanAttributeMapper[];
  secrets: readonly string[];
  log: Logger;
}

export interface OtelSendResult {
  /** Undefined when no span was valid enough to send. */
  result: ExportResult | undefined;
  /** Spans left out for an invalid id: one would make Langfuse reject the whole request with 400. */
  invalid: RejectedItem[];
}

export async function sendSpansOverOtel(spans: readonly ReadonlySpan[], target: OtelTarget): Promise<OtelSendResult> {
  const encode = target.protocol === "http/json" ? encodeTraceRequestJson : encodeTraceRequest;
  const encoded = encode({ spans }, { resource: target.resource, attributeMappers: target.mappers, scoreEvents: false });
  if (encoded.spanCount === 0) return { result: undefined, invalid: encoded.invalid };

  const outcome = await postOtlp({
    url: target.url,
    protocol: target.protocol,
    compression: target.gzip ? "gzip" : "none",
    timeoutMs: target.timeoutMs,
    headers: target.headers,
    body: encoded.body,
  });
  if (outcome.kind === "network") {
    return { result: { kind: "retry", reason: `Langfuse /api/public/otel/v1/traces: ${outcome.reason}` }, invalid: encoded.invalid };
  }
  const mapped = mapOtlpOutcome(outcome, target.secrets);
  if (mapped.partialSuccess !== undefined) {
    const { rejectedSpans, errorMessage } = mapped.partialSuccess;
    target.log.warn(
      `langfuse: the server accepted the batch but rejected ${rejectedSpans} of ${encoded.spanCount} spans` +
        (errorMessage === "" ? "" : `: ${errorMessage}`),
    );
  }
  if (mapped.result.kind === "ok") return { result: { kind: "ok" }, invalid: encoded.invalid };
  const detail = mapped.result.kind === "retry" || mapped.result.kind === "fail" ? mapped.result.reason : `HTTP ${outcome.status}`;
  return { result: failureResult(outcome.status, detail, parseRetryAfter(outcome.retryAfter), "otel"), invalid: encoded.invalid };
}
