// tracehub fields that neither GenAI nor OpenInference has a name for, under
// `tracehub.*`: the span kind as tracehub knows it, trace name, time to first
// token, retries, timeout, rate-limit windows and the prompt name.
import type { SpanAttributeMapper } from "./attribute-mapper.js";
import { fixedKeys, withFixedKeys } from "./fixed-keys.js";

const K = fixedKeys({
  spanKind: "tracehub.span.kind",
  traceName: "tracehub.trace.name",
  timeToFirstToken: "tracehub.time_to_first_token_ms",
  retryCount: "tracehub.retry_count",
  timeout: "tracehub.timeout_ms",
  promptName: "tracehub.prompt.name",
});

export const tracehubAttributes: SpanAttributeMapper = withFixedKeys((span, add) => {
  add(K.spanKind, span.kind);
  add(K.traceName, span.context.traceName);
  if (span.completionStartTime !== undefined) {
    add(K.timeToFirstToken, Math.max(0, span.completionStartTime - span.startTime));
  }
  add(K.retryCount, span.retryCount);
  add(K.timeout, span.timeoutMs);
  add(K.promptName, span.prompt?.name);
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
});

/** ISO 8601 text of an epoch-ms time, or undefined when it is not one a Date can hold. */
function isoTime(ms: unknown): string | undefined {
  if (typeof ms !== "number") return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
