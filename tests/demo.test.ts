// The README's main job: the demo runs offline with its simulated model, and
// with OPENAI_BASE_URL it drives the real `openai` client against that server
// (here a loopback stand-in for llama-server), traced by @tracehub/openai.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const demo = resolve(import.meta.dirname, "../examples/demo/dist/main.js");

function runDemo(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [demo], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`demo did not finish: ${stdout}\n${stderr}`));
    }, 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

const jsonLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));

describe("demo", () => {
  it("traces the simulated RAG agent offline and prints the tree", async () => {
    const { code, stdout } = await runDemo({ TRACEHUB_EXPORTERS: "none" });
    expect(code).toBe(0);
    for (const name of ["rag-agent", "analyze-query", "vector-search", "keyword-search", "rerank", "generate-answer", "currency-convert", "web-search"]) {
      expect(stdout).toContain(name);
    }
    expect(stdout).toContain("1 retry");
    expect(stdout).toContain("TimeoutError");
    expect(stdout).toMatch(/\$0\.0000\d+/); // priced from the model table
    expect(stdout).toContain("ran in parallel: vector-search ∥ keyword-search");
    expect(stdout).toMatch(/console: \d+ delivered, 0 retried, 0 dropped, 0 failed/);
  });

  describe("with a real OpenAI-compatible server", () => {
    let server: Server;
    let baseURL = "";
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          if (req.url === "/v1/embeddings") {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify({ object: "list", model: "nomic-embed", data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2, 0.3] }], usage: { prompt_tokens: 9, total_tokens: 9 } }));
            return;
          }
          const request = JSON.parse(body) as { stream?: boolean; stream_options?: { include_usage?: boolean } };
          res.writeHead(200, { "content-type": "text/event-stream", "x-ratelimit-remaining-requests": "99" });
          const base = { id: "chatcmpl-local-1", object: "chat.completion.chunk", created: 1, model: "qwen2.5-7b-instruct" };
          for (const word of ["Grounded ", "answers ", "cite ", "sources."]) {
            res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] })}\n\n`);
          }
          res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
          if (request.stream_options?.include_usage) {
            res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 120, completion_tokens: 4, total_tokens: 124 } })}\n\n`);
          }
          res.end("data: [DONE]\n\n");
        });
      });
      await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
      baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    });
    afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

    it("uses the instrumented openai client, whose spans carry the server's usage", async () => {
      const { code, stdout } = await runDemo({ TRACEHUB_EXPORTERS: "console", TRACEHUB_CONSOLE_FORMAT: "json", OPENAI_BASE_URL: baseURL, OPENAI_MODEL: "qwen2.5-7b-instruct" });
      expect(code).toBe(0);
      expect(stdout).toContain("qwen2.5-7b-instruct at");
      const spans = jsonLines(stdout).filter((line) => line.type === "span");
      const llm = spans.filter((span) => span.kind === "llm");
      expect(llm).toHaveLength(2);
      for (const span of llm) {
        expect(span.model).toBe("qwen2.5-7b-instruct");
        expect(span.usage).toMatchObject({ input: 120, output: 4, total: 124 });
        expect(span.output).toBeDefined();
      }
      expect(spans.find((span) => span.kind === "embedding")).toMatchObject({ usage: { input: 9 } });
      expect(stdout).toContain("answer: Grounded answers cite sources.");
    });
  });
});
