// Both transports against a real node:http server on 127.0.0.1: the OTLP
// request gunzipped and decoded with the official protobuf definitions, and a
// 207 ingestion answer read per event. No mocks.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { GENERATE, KEYS, PUBLIC_KEY, RAG_SPANS, SECRET_KEY, score } from "./fixtures.js";
import { createAdapter } from "./helpers.js";
import { decodeProtobufSpans } from "./otlp-proto.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

async function listen(handler: (req: Received) => { status: number; body: unknown }): Promise<{ base: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) };
      received.push(r);
      const { status, body } = handler(r);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe("Langfuse over a real loopback socket", () => {
  it("delivers gzipped protobuf spans and score events, and reads the 207 per event", async () => {
    const { base, received } = await listen((req) => {
      if (req.url === "/api/public/otel/v1/traces") return { status: 200, body: {} };
      const batch = JSON.parse(req.body.toString("utf8")).batch as { id: string; body: { id: string } }[];
      return {
        status: 207,
        body: {
          successes: batch.filter((e) => e.body.id !== "bad").map((e) => ({ id: e.id, status: 201 })),
          errors: batch.filter((e) => e.body.id === "bad").map((e) => ({ id: e.id, status: 400, message: "Invalid request data" })),
        },
      };
    });
    const adapter = await createAdapter({ ...KEYS, LANGFUSE_BASE_URL: `${base}/` });
    const result = await adapter.export({ spans: RAG_SPANS, scores: [score("good"), score("bad")] });
    expect(result).toEqual({ kind: "partial", rejected: [{ id: "bad", retryable: false, reason: expect.stringContaining("400: Invalid request data") }] });

    const otel = received.find((r) => r.url === "/api/public/otel/v1/traces");
    expect(otel?.method).toBe("POST");
    expect(otel?.headers["content-type"]).toBe("application/x-protobuf");
    expect(otel?.headers["content-encoding"]).toBe("gzip");
    expect(otel?.headers["x-langfuse-ingestion-version"]).toBe("4");
    expect(otel?.headers["authorization"]).toBe(`Basic ${Buffer.from(`${PUBLIC_KEY}:${SECRET_KEY}`).toString("base64")}`);
    const spans = decodeProtobufSpans(gunzipSync(otel?.body ?? Buffer.alloc(0)));
    expect(spans).toHaveLength(RAG_SPANS.length);
    expect(spans.find((s) => s.spanId === GENERATE.spanId)?.attributes["langfuse.observation.usage_details"]).toBe(
      '{"input":300,"input_cached_tokens":800,"input_cache_creation":100,"output":180,"output_reasoning_tokens":120,"total":1500}',
    );

    const ingestion = received.find((r) => r.url === "/api/public/ingestion");
    expect(ingestion?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(ingestion?.body.toString("utf8") ?? "{}").batch.map((e: any) => e.body.id)).toEqual(["good", "bad"]);
  });

  it("retries when nobody listens (connection refused)", async () => {
    const { base } = await listen(() => ({ status: 200, body: {} }));
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const adapter = await createAdapter({ ...KEYS, LANGFUSE_BASE_URL: base });
    await expect(adapter.export({ spans: RAG_SPANS, scores: [score("s")] })).resolves.toMatchObject({
      kind: "retry",
      reason: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});
