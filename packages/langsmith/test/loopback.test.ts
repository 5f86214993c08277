// End to end over a real socket: the tracer API → core's hub and queue → this
// adapter (loaded through its factory) → a node:http server on 127.0.0.1 that
// parses the gzip'd multipart body the way LangSmith's server would.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHub } from "@tracehub/core";
import { tracehubAdapter } from "../src/index.js";
import { API_KEY, parseMultipart } from "./helpers.js";

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

const received: Received[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
      received.push({ path: `${req.method} ${req.url}`, headers: req.headers, body });
      res.setHeader("content-type", "application/json");
      if (req.url === "/info") {
        res.end(JSON.stringify({ batch_ingest_config: { size_limit: 100, size_limit_bytes: 20_000_000 }, instance_flags: { gzip_body_enabled: true } }));
        return;
      }
      res.statusCode = req.headers["x-api-key"] === API_KEY ? 202 : 401;
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Run = Record<string, any>;

function runsOf(requests: Received[]): Run[] {
  const runs = new Map<string, Run>();
  for (const request of requests) {
    for (const part of parseMultipart(new Uint8Array(request.body), String(request.headers["content-type"]))) {
      expect(part.contentType).toBe(`application/json; length=${Buffer.byteLength(part.body)}`);
      const [, id, field] = part.name.split(".") as [string, string, string | undefined];
      const run = runs.get(id) ?? {};
      if (field === undefined) Object.assign(run, JSON.parse(part.body));
      else run[field] = JSON.parse(part.body);
      runs.set(id, run);
    }
  }
  return [...runs.values()];
}

describe("loopback LangSmith server", () => {
  it("receives a consistent run tree and feedback from the real tracer", async () => {
    const hub = await createHub({
      env: { LANGSMITH_API_KEY: API_KEY, LANGSMITH_ENDPOINT: endpoint, LANGSMITH_PROJECT: "loopback" },
      exporters: ["langsmith"],
      adapterFactories: { langsmith: tracehubAdapter },
      registerShutdownHooks: false,
      spoolDir: mkdtempSync(join(tmpdir(), "tracehub-langsmith-")),
      flushIntervalMs: 5,
    });
    await hub.trace("rag-query", { userId: "u-1", sessionId: "s-1", tags: ["e2e"] }, async (root) => {
      root.setInput({ question: "why is the sky blue?" });
      await hub.span("retrieve", { kind: "retriever" }, async (s) => {
        await Promise.all(["a", "b"].map((shard) => hub.span(`search-${shard}`, { kind: "tool" }, async () => new Promise((r) => setTimeout(r, 2)))));
        s.setOutput([{ page_content: "Rayleigh scattering" }]);
      });
      await hub.span("generate", { kind: "llm", model: "gpt-4o", provider: "openai" }, async (s) => {
        s.setUsage({ input: 120, output: 30, cacheRead: 100 });
        s.markFirstToken();
        hub.scoreCurrentSpan({ name: "faithfulness", value: 0.9 });
        s.setOutput("Rayleigh scattering");
      });
      root.setOutput("Rayleigh scattering");
    });
    hub.scoreCurrentTrace({ name: "unused", value: 1 }); // outside any trace: ignored by core
    expect(await hub.flush(5000)).toBe(true);
    await hub.shutdown(1000);

    expect(received[0]?.path).toBe("GET /info");
    const ingest = received.filter((r) => r.path === "POST /runs/multipart");
    for (const request of ingest) expect(request.headers["content-encoding"]).toBe("gzip");
    const runs = runsOf(ingest);
    expect(runs.map((r) => r.name).sort()).toEqual(["generate", "rag-query", "retrieve", "search-a", "search-b"]);

    const byName = Object.fromEntries(runs.map((r) => [r.name, r]));
    const root = byName["rag-query"] as Run;
    expect(root.dotted_order).toBe(`${(root.start_time as string).replace(/[-:.]/g, "")}${root.id}`);
    const parentOf: Record<string, string> = { retrieve: "rag-query", "search-a": "retrieve", "search-b": "retrieve", generate: "rag-query" };
    for (const [name, parentName] of Object.entries(parentOf)) {
      const run = byName[name] as Run;
      const parent = byName[parentName] as Run;
      expect(run.trace_id).toBe(root.id);
      expect(run.parent_run_id).toBe(parent.id);
      expect(run.dotted_order).toBe(`${parent.dotted_order}.${(run.start_time as string).replace(/[-:.]/g, "")}${run.id}`);
      expect(run.session_name).toBe("loopback");
      expect(run.extra.metadata).toMatchObject({ session_id: "s-1", user_id: "u-1" });
    }
    expect(byName["retrieve"]?.outputs).toEqual({ documents: [{ page_content: "Rayleigh scattering" }] });
    expect(byName["generate"]).toMatchObject({
      run_type: "llm",
      outputs: { output: "Rayleigh scattering", usage_metadata: { input_tokens: 120, output_tokens: 30, total_tokens: 150, input_token_details: { cache_read: 100 } } },
      events: [{ name: "new_token" }],
    });

    const feedback = received.filter((r) => r.path === "POST /feedback").map((r) => JSON.parse(r.body.toString("utf8")));
    expect(feedback).toEqual([expect.objectContaining({ key: "faithfulness", score: 0.9, run_id: byName["generate"]?.id, trace_id: root.id })]);
    expect(hub.stats().adapters[0]).toMatchObject({ adapter: "langsmith", exported: 6, failed: 0, dropped: 0 });
  });
});
