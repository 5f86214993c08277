// tracehub fields that neither GenAI nor OpenInference has a name for, under
// `tracehub.*`: the span kind as tracehub knows it, trace name, time to first
// token, retries, timeout, rate-limit windows and the prompt name.
import type { SpanAttributeMapper } from "./attribute-mapper.js";

export const tracehubAttributes: SpanAttributeMapper = (span, add) => {
  add("tracehub.span.kind", span.kind);
  add("tracehub.trace.name", span.context.traceName);
  if (span.completionStartTime !== undefined) {
    add("tracehub.time_to_first_token_ms", Math.max(0, span.completionStartTime - span.startTime));
  }
  add("tracehub.retry_count", span.retryCount);
  add("tracehub.timeout_ms", span.timeoutMs);
  add("tracehub.prompt.name", span.prompt?.name);
  const rateLimit = span.rateLimit;
  if (rateLimit !== undefined) {
    for (const window in rateLimit) {
      const w = rateLimit[window];
      if (w === undefined) continue;
      add(`tracehub.rate_limit.${window}.limit`, w.limit);
      add(`tracehub.rate_limit.${window}.remaining`, w.remaining);
      add(`tracehub.rate_limit.${window}.reset_at`, isoTime(w.resetAt));
    }
  }
};

/** ISO 8601 text of an epoch-ms time, or undefined when it is not one a Date can hold. */
function isoTime(ms: unknown): string | undefined {
  if (typeof ms !== "number") return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
