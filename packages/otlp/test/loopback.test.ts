// The transport against real sockets on 127.0.0.1: a node:http collector that
// checks the gzipped protobuf request, a port nobody listens on (connection
// refused) and a server that drops the connection (reset). No mocks.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { GENERATE, RAG_SPANS } from "./fixtures.js";
import { createAdapter } from "./helpers.js";
import { attributeMap, decodedSpans, decodeRequest, encodeResponse } from "./otlp-proto.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

describe("OTLP/HTTP over a real loopback socket", () => {
  it("delivers a gzipped protobuf request that decodes with the official definitions", async () => {
    const received: { method?: string; url?: string; headers: IncomingMessage["headers"]; body: Buffer }[] = [];
    const base = await listen(async (req, res) => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: await readBody(req) });
      res.writeHead(200, { "content-type": "application/x-protobuf" });
      res.end(encodeResponse());
    });
    const adapter = await createAdapter({
      OTEL_EXPORTER_OTLP_ENDPOINT: `${base}/`,
      OTEL_EXPORTER_OTLP_COMPRESSION: "gzip",
      OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=k%3D1",
    });
    await expect(adapter.export({ spans: RAG_SPANS, scores: [] })).resolves.toEqual({ kind: "ok" });

    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/v1/traces");
    expect(req?.headers["content-type"]).toBe("application/x-protobuf");
    expect(req?.headers["content-encoding"]).toBe("gzip");
    expect(req?.headers["x-api-key"]).toBe("k=1");
    const spans = decodedSpans(decodeRequest(gunzipSync(req!.body)));
    expect(spans).toHaveLength(RAG_SPANS.length);
    const generate = spans.find((s) => s.span.spanId === GENERATE.spanId);
    expect(attributeMap(generate?.span.attributes)["gen_ai.usage.reasoning.output_tokens"]).toBe(20);
  });

  it("connection refused → retry", async () => {
    // Take a free port, then close it again: nothing listens there.
    const base = await listen(() => {});
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const adapter = await createAdapter({ OTEL_EXPORTER_OTLP_ENDPOINT: base });
    const result = await adapter.export({ spans: RAG_SPANS, scores: [] });
    expect(result.kind).toBe("retry");
    expect((result as { reason: string }).reason).toMatch(/ECONNREFUSED/);
  });

  it("connection reset mid-request → retry", async () => {
    const base = await listen((req) => req.socket.destroy());
    const adapter = await createAdapter({ OTEL_EXPORTER_OTLP_ENDPOINT: base });
    const result = await adapter.export({ spans: RAG_SPANS, scores: [] });
    expect(result.kind).toBe("retry");
    expect((result as { reason: string }).reason).toMatch(/^network error/);
  });
});
