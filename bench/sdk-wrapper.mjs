// What instrumentOpenAI adds to a real `openai` client, against the bare
// client, both calling one loopback node:http server in the same process:
// per non-streamed call, and per chunk of a long streamed call. The wrapped
// client records everything it records in production (span, usage, rate-limit
// headers, copy of the body, stream reassembly, injected-and-hidden usage
// chunk) and delivers to an in-memory adapter. Only ratios are reported.
import { createServer } from "node:http";
import OpenAI from "openai";
import { createHub, InMemoryAdapter } from "@tracehub/core";
import { instrumentOpenAI } from "@tracehub/openai";
import { compare } from "./measure.mjs";

const CHUNKS_PER_STREAM = 200;

const COMPLETION = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, message: { role: "assistant", content: "A short answer of a few words." }, finish_reason: "stop" }],
  usage: { prompt_tokens: 812, completion_tokens: 95, total_tokens: 907, prompt_tokens_details: { cached_tokens: 512 } },
});

const HEADERS = {
  "content-type": "application/json",
  "x-ratelimit-limit-requests": "500",
  "x-ratelimit-remaining-requests": "499",
  "x-ratelimit-reset-requests": "120ms",
  "x-ratelimit-limit-tokens": "30000",
  "x-ratelimit-remaining-tokens": "29000",
  "x-ratelimit-reset-tokens": "6m0s",
  "x-request-id": "req_bench",
};

function streamBody(includeUsage) {
  const usage = includeUsage ? { usage: null } : {};
  const chunk = (delta, finish = null) =>
    `data: ${JSON.stringify({ id: "chatcmpl-s", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini", choices: [{ index: 0, delta, finish_reason: finish }], ...usage })}\n\n`;
  let body = chunk({ role: "assistant", content: "" });
  for (let i = 0; i < CHUNKS_PER_STREAM; i++) body += chunk({ content: `tok${i} ` });
  body += chunk({}, "stop");
  if (includeUsage) {
    body += `data: ${JSON.stringify({ id: "chatcmpl-s", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 10, completion_tokens: CHUNKS_PER_STREAM, total_tokens: CHUNKS_PER_STREAM + 10 } })}\n\n`;
  }
  return body + "data: [DONE]\n\n";
}

async function startServer() {
  const streams = { plain: streamBody(false), withUsage: streamBody(true) };
  const server = createServer((req, res) => {
    const parts = [];
    req.on("data", (part) => parts.push(part));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(parts).toString("utf8"));
      if (body.stream !== true) {
        res.writeHead(200, HEADERS);
        res.end(COMPLETION);
        return;
      }
      res.writeHead(200, { ...HEADERS, "content-type": "text/event-stream" });
      res.end(body.stream_options?.include_usage ? streams.withUsage : streams.plain);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, baseURL: `http://127.0.0.1:${server.address().port}/v1` };
}

export async function sdkWrapperBenchmarks() {
  const { server, baseURL } = await startServer();
  const memory = new InMemoryAdapter({ maxSpans: 1_000 });
  const hub = await createHub({ env: {}, adapters: [memory], registerShutdownHooks: false, flushIntervalMs: 50 });
  const bare = new OpenAI({ apiKey: "sk-bench", baseURL, maxRetries: 0 });
  const wrapped = instrumentOpenAI(new OpenAI({ apiKey: "sk-bench", baseURL, maxRetries: 0 }), { hub });
  const request = { model: "gpt-4o-mini", messages: [{ role: "user", content: "Answer briefly." }] };

  const unary = (name, client) => ({
    name,
    async round(n) {
      for (let i = 0; i < n; i++) await client.chat.completions.create(request);
    },
  });
  const streamed = (name, client) => ({
    name,
    async round(n) {
      for (let i = 0; i < n; i++) {
        const stream = await client.chat.completions.create({ ...request, stream: true });
        for await (const chunk of stream) void chunk;
      }
    },
  });

  const [oursCall, bareCall] = await compare([unary("instrumentOpenAI", wrapped), unary("bare openai client", bare)], {
    rounds: 20,
    opsPerRound: 100,
    warmupRounds: 5,
  });
  const [oursStream, bareStream] = await compare([streamed("instrumentOpenAI", wrapped), streamed("bare openai client", bare)], {
    rounds: 20,
    opsPerRound: 10,
    warmupRounds: 5,
  });
  await hub.flush();
  const delivered = memory.spans.length;
  await hub.shutdown();
  await new Promise((resolve) => server.close(resolve));

  const perChunk = (result) => ({ name: result.name, nsPerOp: result.nsPerOp / CHUNKS_PER_STREAM });
  return [
    {
      name: "openai wrapper: non-streamed chat call (loopback)",
      ours: oursCall,
      peer: bareCall,
      ratio: oursCall.nsPerOp / bareCall.nsPerOp,
      target: 1.25,
      note: `${delivered} spans kept by the in-memory adapter`,
    },
    {
      name: `openai wrapper: per streamed chunk (${CHUNKS_PER_STREAM}-chunk stream, loopback)`,
      ours: perChunk(oursStream),
      peer: perChunk(bareStream),
      ratio: oursStream.nsPerOp / bareStream.nsPerOp,
      target: 1.25,
      note: "the wrapped stream also requests and hides the usage chunk (one more chunk on the wire)",
    },
  ];
}

// Run alone: node --expose-gc bench/sdk-wrapper.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await sdkWrapperBenchmarks()) {
    console.log(`${result.name}: ours/bare = ${result.ratio.toFixed(3)} (target ≤ ${result.target})`);
  }
}
