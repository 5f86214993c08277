// Shared test plumbing: a hub with an in-memory adapter, msw request capture,
// and real `text/event-stream` bodies written chunk by chunk.
import { createHub, InMemoryAdapter, type Hub, type ReadonlySpan } from "@tracehub/core";

export interface TestHub {
  hub: Hub;
  memory: InMemoryAdapter;
  /** Waits until `count` spans were exported (the wrapper ends spans asynchronously) and returns them. */
  spans(count?: number): Promise<ReadonlySpan[]>;
}

export async function testHub(): Promise<TestHub> {
  const memory = new InMemoryAdapter();
  const hub = await createHub({ env: {}, adapters: [memory], registerShutdownHooks: false });
  return {
    hub,
    memory,
    async spans(count = 1) {
      const deadline = Date.now() + 3_000;
      while (memory.spans.length < count && Date.now() < deadline) {
        await hub.flush();
        if (memory.spans.length < count) await sleep(2);
      }
      return memory.spans;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: any;
}

/** Records what the mocked vendor server received. */
export async function capture(request: Request, into: CapturedRequest[]): Promise<void> {
  const text = await request.clone().text();
  into.push({
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers.entries()),
    body: text === "" ? undefined : JSON.parse(text),
  });
}

export interface SseOptions {
  /** Write `data: [DONE]` after the events (OpenAI); Anthropic streams end without it. */
  done?: boolean;
  /** Pause between chunks, so the client really reads them one by one. */
  delayMs?: number;
  headers?: Record<string, string>;
  /** Called when the client cancels the body (an abandoned stream). */
  onCancel?: () => void;
}

/** A `text/event-stream` response that writes one event per pull. */
export function sseResponse(events: { event?: string; data: unknown }[], options: SseOptions = {}): Response {
  const encoder = new TextEncoder();
  const frames = events.map(({ event, data }) => `${event === undefined ? "" : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`);
  if (options.done !== false) frames.push("data: [DONE]\n\n");
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

/** OpenAI chat stream: plain chunk objects become `data:` events. */
export function openaiSse(chunks: unknown[], options: SseOptions = {}): Response {
  return sseResponse(chunks.map((data) => ({ data })), options);
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
