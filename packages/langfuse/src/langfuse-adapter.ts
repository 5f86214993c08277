// The Langfuse adapter: spans over Langfuse's OTLP endpoint (or, in legacy
// mode, as batch-ingestion events), scores as score-create events. It maps and
// sends; batching, retries and backoff are core's DeliveryQueue's. export()
// never rejects and never throws.
import {
  isTraceSampled,
  type AdapterSettings,
  type ExportBatch,
  type ExportResult,
  type ObservabilityAdapter,
  type ReadonlySpan,
  type RejectedItem,
  type Score,
} from "@tracehub/core";
import { spanAttributes, type SpanAttributeMapper } from "@tracehub/otlp";
import type { ResolvedLangfuseConfig } from "./config/resolve-config.js";
import { sendIngestionEvents, MAX_INGESTION_REQUEST_BYTES, type IngestionTarget } from "./ingestion/ingestion-client.js";
import type { ItemEvents } from "./ingestion/ingestion-event.js";
import { legacySpanEvents, type LegacySettings } from "./ingestion/legacy-events.js";
import { scoreCreateEvent } from "./ingestion/score-events.js";
import { sanitizeEnvironment } from "./mapping/environment.js";
import { langfuseAttributeMapper } from "./mapping/langfuse-attributes.js";
import { combineOutcomes, type RequestOutcome } from "./transport/combine-results.js";
import { sendSpansOverOtel, type OtelTarget } from "./transport/otel-export.js";
import { credentialSecrets } from "./transport/scrub.js";
import { LANGFUSE_PACKAGE_VERSION } from "./version.js";

export class LangfuseAdapter implements ObservabilityAdapter {
  readonly name = "langfuse";
  readonly limits: ResolvedLangfuseConfig["limits"];
  private readonly otel: OtelTarget;
  private readonly ingestionTarget: IngestionTarget;
  private readonly legacy: LegacySettings;
  private readonly scoreEnvironment: string | undefined;
  private readonly warned = new Set<string>();
  /** Span environments already checked against Langfuse's rules (bounded: a debug aid, not a cache). */
  private readonly seenEnvironments = new Set<string>();
  private readonly log: AdapterSettings["log"];

  constructor(
    private readonly config: ResolvedLangfuseConfig,
    settings: Pick<AdapterSettings, "log" | "serviceName" | "environment">,
  ) {
    this.limits = config.limits;
    this.log = settings.log;
    const authorization = `Basic ${btoa(`${config.publicKey}:${config.secretKey}`)}`;
    const secrets = credentialSecrets(config.publicKey, config.secretKey, authorization);
    const common = { ...config.headers, "user-agent": `tracehub-langfuse/${LANGFUSE_PACKAGE_VERSION}`, authorization };
    const mapping = {
      environment: config.environment,
      release: config.release,
      publicTraces: config.publicTraces,
      maxFieldBytes: config.maxFieldBytes,
    };
    const mappers: SpanAttributeMapper[] = [spanAttributes, langfuseAttributeMapper(mapping), ...config.extraAttributeMappers];
    this.otel = {
      url: `${config.baseUrl}/api/public/otel/v1/traces`,
      protocol: config.protocol,
      gzip: config.gzip,
      timeoutMs: config.timeoutMs,
      headers: { ...common, "x-langfuse-ingestion-version": "4" },
      resource: { "service.name": settings.serviceName },
      mappers,
      secrets,
      log: settings.log,
    };
    this.ingestionTarget = {
      url: `${config.baseUrl}/api/public/ingestion`,
      headers: common,
      timeoutMs: config.timeoutMs,
      secrets,
      warnOnce: (key, message) => {
        if (this.warned.has(key)) return;
        this.warned.add(key);
        settings.log.warn(message);
      },
    };
    this.legacy = { ...mapping, typedObservationEvents: config.typedObservationEvents };
    const hubEnvironment = settings.environment === undefined ? undefined : sanitizeEnvironment(settings.environment);
    this.scoreEnvironment = config.environment ?? hubEnvironment;
    for (const note of config.notes) settings.log.debug(note);
  }

  /** Where data goes: the server's root URL (never with credentials). */
  get baseUrl(): string {
    return this.config.baseUrl;
  }

  get ingestion(): ResolvedLangfuseConfig["ingestion"] {
    return this.config.ingestion;
  }

  async export(batch: ExportBatch): Promise<ExportResult> {
    try {
      return await this.send(batch);
    } catch (error) {
      // Only a bug can land here (mapping is total, transport errors are values): retrying would not help.
      return { kind: "fail", reason: `langfuse export failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async send(batch: ExportBatch): Promise<ExportResult> {
    const rate = this.config.sampleRate;
    const spans = rate >= 1 ? batch.spans : batch.spans.filter((s) => isTraceSampled(s.traceId, rate));
    const scores = rate >= 1 ? batch.scores : batch.scores.filter((s) => isTraceSampled(s.traceId, rate));
    if (spans.length === 0 && scores.length === 0) return { kind: "ok" };
    if (this.config.environment === undefined) this.noteEnvironments(spans);
    return this.config.ingestion === "legacy" ? this.sendLegacy(spans, scores) : this.sendOtel(spans, scores);
  }

  /** One debug note per span environment Langfuse would not keep as it is. */
  private noteEnvironments(spans: readonly ReadonlySpan[]): void {
    let last: string | undefined;
    for (const span of spans) {
      const value = span.context.environment;
      if (value === undefined || value === last || this.seenEnvironments.has(value) || this.seenEnvironments.size >= 64) continue;
      last = value;
      this.seenEnvironments.add(value);
      const sanitized = sanitizeEnvironment(value);
      if (sanitized === value) continue;
      this.log.debug(
        sanitized === undefined
          ? `langfuse: environment "${value.slice(0, 60)}" has no characters Langfuse allows ([a-z0-9-_]); sent without one (Langfuse shows "default")`
          : `langfuse: environment "${value.slice(0, 60)}" sent as "${sanitized}" (Langfuse allows lowercase [a-z0-9-_], at most 40 characters, not starting with "langfuse")`,
      );
    }
  }

  private async sendOtel(spans: readonly ReadonlySpan[], scores: readonly Score[]): Promise<ExportResult> {
    const invalid: RejectedItem[] = [];
    const [spanOutcome, scoreOutcome] = await Promise.all([
      spans.length === 0 ? undefined : this.otelOutcome(spans, invalid),
      scores.length === 0 ? undefined : this.scoreOutcome(scores),
    ]);
    const outcomes = [spanOutcome, scoreOutcome].filter((o): o is RequestOutcome => o !== undefined);
    return combineOutcomes(outcomes, invalid);
  }

  private async otelOutcome(spans: readonly ReadonlySpan[], invalid: RejectedItem[]): Promise<RequestOutcome | undefined> {
    const sent = await sendSpansOverOtel(spans, this.otel);
    invalid.push(...sent.invalid);
    if (sent.result === undefined) return undefined;
    const left = new Set(sent.invalid.map((r) => r.id));
    return { ids: spans.filter((s) => !left.has(s.spanId)).map((s) => s.spanId), result: sent.result };
  }

  private async scoreOutcome(scores: readonly Score[]): Promise<RequestOutcome> {
    const items = scores.map((score) => ({ itemId: score.id, events: [scoreCreateEvent(score, this.scoreEnvironment)] }));
    return { ids: items.map((i) => i.itemId), result: await sendIngestionEvents(items, this.ingestionTarget) };
  }

  private sendLegacy(spans: readonly ReadonlySpan[], scores: readonly Score[]): Promise<ExportResult> {
    // An item too large for one batch is rebuilt with payload fields small enough for all six (observation and trace input, output, metadata) to fit.
    const shrunk = { ...this.legacy, maxFieldBytes: Math.floor(MAX_INGESTION_REQUEST_BYTES / 8) };
    const items: ItemEvents[] = spans.map((span) => ({
      itemId: span.spanId,
      events: legacySpanEvents(span, this.legacy),
      shrink: () => legacySpanEvents(span, shrunk),
    }));
    for (const score of scores) items.push({ itemId: score.id, events: [scoreCreateEvent(score, this.scoreEnvironment)] });
    return sendIngestionEvents(items, this.ingestionTarget);
  }
}
