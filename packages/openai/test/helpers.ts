// OpenAI's side of the test plumbing (the rest is @tracehub/test-support):
// chat streams as plain `data:` chunks ending in `[DONE]`, and the rate-limit
// headers api.openai.com sends.
import { sseResponse, type SseEvent, type SseOptions } from "@tracehub/test-support";

/** Plain chunk objects as `data:` events (chat and legacy completions streams). */
export const dataEvents = (chunks: unknown[]): SseEvent[] => chunks.map((data) => ({ data }));

/** OpenAI chat stream: plain chunk objects become `data:` events. */
export function openaiSse(chunks: unknown[], options: SseOptions = {}): Response {
  return sseResponse(dataEvents(chunks), options);
}

export const RATE_LIMIT_HEADERS = {
  "x-ratelimit-limit-requests": "500",
  "x-ratelimit-remaining-requests": "499",
  "x-ratelimit-reset-requests": "120ms",
  "x-ratelimit-limit-tokens": "30000",
  "x-ratelimit-remaining-tokens": "29000",
  "x-ratelimit-reset-tokens": "6m0s",
  "x-request-id": "req_abc123",
};
