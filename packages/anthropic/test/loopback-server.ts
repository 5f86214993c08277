// A real HTTP server on 127.0.0.1 (port 0) for what msw cannot show:
// connections the client closes (abandoned and aborted streams) and the
// real node fetch transport.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackServer {
  baseURL: string;
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: any }[];
  /** Resolves when the client closed the connection of the latest streamed response before its end. */
  closedEarly: () => boolean;
  close(): Promise<void>;
}

export type Route = (request: { url: string; body: any }, response: ServerResponse) => void | Promise<void>;

export async function startLoopbackServer(route: Route): Promise<LoopbackServer> {
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
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    closedEarly: () => closedEarly,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes Anthropic SSE events one by one with a pause between them; stops quietly when the client has gone. */
export async function writeSse(res: ServerResponse, frames: { type: string }[], { delayMs = 3, headers = {} } = {}): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", ...headers });
  const all = frames.map((frame) => `event: ${frame.type}\ndata: ${JSON.stringify(frame)}\n\n`);
  for (const frame of all) {
    if (res.destroyed) return;
    res.write(frame);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  res.end();
}
