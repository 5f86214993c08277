// Real `text/event-stream` bodies, written event by event: as an msw
// Response, or onto a node:http response (loopback-server.ts).
import { sleep } from "./test-hub.js";

export interface SseEvent {
  /** The `event:` line (Anthropic, OpenAI Responses); omitted for plain `data:` chunks (OpenAI chat). */
  event?: string;
  data: unknown;
}

export interface SseOptions {
  /** Write `data: [DONE]` after the events (OpenAI); Anthropic streams end without it. Default true. */
  done?: boolean;
  /** Pause between chunks, so the client really reads them one by one. */
  delayMs?: number;
  headers?: Record<string, string>;
  /** Called when the client cancels the body (an abandoned stream). */
  onCancel?: () => void;
}

/** The wire frames of the events, `data: [DONE]` last unless `done` is false. */
export function sseFrames(events: SseEvent[], done = true): string[] {
  const frames = events.map(({ event, data }) => `${event === undefined ? "" : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`);
  if (done) frames.push("data: [DONE]\n\n");
  return frames;
}

/** A `text/event-stream` response that writes one event per pull. */
export function sseResponse(events: SseEvent[], options: SseOptions = {}): Response {
  const encoder = new TextEncoder();
  const frames = sseFrames(events, options.done !== false);
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index > 0 && options.delayMs !== undefined) await sleep(options.delayMs);
      const frame = frames[index++];
      if (frame === undefined) controller.close();
      else controller.enqueue(encoder.encode(frame));
    },
    cancel() {
      options.onCancel?.();
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "text/event-stream", ...options.headers } });
}
