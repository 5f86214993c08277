// Anthropic's side of the test plumbing (the rest is @tracehub/test-support):
// streams as `event:` + `data:` frames without `[DONE]`, and the rate-limit
// headers api.anthropic.com sends.
import { sseResponse, type SseEvent, type SseOptions } from "@tracehub/test-support";

/** Each event object with its `event:` line, as the Messages API streams it. */
export const typedEvents = (events: { type: string }[]): SseEvent[] => events.map((data) => ({ event: data.type, data }));

/** Anthropic stream: each event object is written with its `event:` line. */
export function anthropicSse(events: { type: string }[], options: SseOptions = {}): Response {
  return sseResponse(typedEvents(events), { done: false, ...options });
}

export const RATE_LIMIT_HEADERS = {
  "anthropic-ratelimit-requests-limit": "50",
  "anthropic-ratelimit-requests-remaining": "49",
  "anthropic-ratelimit-requests-reset": "2030-01-01T00:00:05Z",
  "anthropic-ratelimit-tokens-limit": "100000",
  "anthropic-ratelimit-tokens-remaining": "98000",
  "anthropic-ratelimit-tokens-reset": "2030-01-01T00:00:30Z",
  "anthropic-ratelimit-input-tokens-limit": "80000",
  "anthropic-ratelimit-input-tokens-remaining": "79000",
  "anthropic-ratelimit-input-tokens-reset": "2030-01-01T00:00:30Z",
  "anthropic-ratelimit-output-tokens-limit": "20000",
  "anthropic-ratelimit-output-tokens-remaining": "19000",
  "anthropic-ratelimit-output-tokens-reset": "2030-01-01T00:00:10Z",
  "request-id": "req_ant_1",
};
