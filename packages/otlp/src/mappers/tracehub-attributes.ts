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
      add(`tracehub.rate_limit.${window}.reset_at`, w.resetAt === undefined ? undefined : new Date(w.resetAt).toISOString());
    }
  }
};
