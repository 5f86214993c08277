// A real HTTP server on 127.0.0.1 (port 0) for what msw cannot show:
// connections the client closes (abandoned and aborted streams) and the
// SDK's real fetch transport.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { perTest } from "./per-test.js";
import { sseFrames, type SseEvent } from "./sse.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index into the decoded JSON freely
type Json = any;

export interface LoopbackServer {
  /** `http://127.0.0.1:{port}` followed by the `basePath` it was started with. */
  baseURL: string;
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: Json }[];
  /** True when the client closed the connection of a response before its end. */
  closedEarly: () => boolean;
  close(): Promise<void>;
}

export type Route = (request: { url: string; body: Json }, response: ServerResponse) => void | Promise<void>;

export interface LoopbackOptions {
  /** Appended to the base URL the SDK is given (e.g. `/v1` for OpenAI). Default none. */
  basePath?: string;
}

export async function startLoopbackServer(route: Route, { basePath = "" }: LoopbackOptions = {}): Promise<LoopbackServer> {
  const requests: LoopbackServer["requests"] = [];
  let closedEarly = false;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text === "" ? undefined : JSON.parse(text);
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    res.on("close", () => {
      if (!res.writableFinished) closedEarly = true;
    });
    await route({ url: req.url ?? "", body }, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}${basePath}`,
    requests,
    closedEarly: () => closedEarly,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fresh loopback server for every test of the calling file (started before each, closed after each).
 * `makeRoute` is called per test, so state its route closes over (attempt counters) starts fresh.
 * The returned object always speaks for the current test's server.
 */
export function useLoopbackServer(makeRoute: () => Route, options: LoopbackOptions = {}): LoopbackServer {
  const live = perTest("useLoopbackServer", () => startLoopbackServer(makeRoute(), options), (server) => server.close());
  return {
    get baseURL() {
      return live().baseURL;
    },
    get requests() {
      return live().requests;
    },
    closedEarly: () => live().closedEarly(),
    close: () => live().close(),
  };
}

export interface WriteSseOptions {
  /** Pause between frames. Default 3 ms. */
  delayMs?: number;
  /** Write `data: [DONE]` last (OpenAI). Default true. */
  done?: boolean;
  headers?: Record<string, string>;
}

/** Writes SSE frames one by one with a pause between them; stops quietly when the client has gone. */
export async function writeSse(res: ServerResponse, events: SseEvent[], { delayMs = 3, done = true, headers = {} }: WriteSseOptions = {}): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", ...headers });
  for (const frame of sseFrames(events, done)) {
    if (res.destroyed) return;
    res.write(frame);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  res.end();
}
