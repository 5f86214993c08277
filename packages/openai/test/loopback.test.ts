// The real transport: the openai SDK's own fetch against a node:http server on
// 127.0.0.1. Abandoned and aborted streams live here because only a real
// connection shows the client closing it.
import OpenAI from "openai";
import { useLoopbackServer, useTestHub, writeSse } from "@tracehub/test-support";
import { describe, expect, it } from "vitest";
import { instrumentOpenAI } from "../src/index.js";
import { CHAT_COMPLETION, textChunks } from "./fixtures.js";
import { RATE_LIMIT_HEADERS, dataEvents } from "./helpers.js";

const t = useTestHub();
const server = useLoopbackServer(
  () => {
    let attempts = 0;
    return async ({ body }, res) => {
      if (body.model === "flaky" && attempts++ === 0) {
        res.writeHead(429, { "content-type": "application/json", "retry-after-ms": "5", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s" });
        res.end(JSON.stringify({ error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } }));
        return;
      }
      if (body.stream !== true) {
        res.writeHead(200, { "content-type": "application/json", ...RATE_LIMIT_HEADERS });
        res.end(JSON.stringify(CHAT_COMPLETION));
        return;
      }
      await writeSse(res, dataEvents(textChunks(["a", "b", "c", "d", "e", "f"], body.stream_options?.include_usage === true)));
    };
  },
  { basePath: "/v1" },
);

const client = () => instrumentOpenAI(new OpenAI({ apiKey: "sk-local", baseURL: server.baseURL, maxRetries: 0 }), { hub: t.hub });

describe("against a loopback server", () => {
  it("traces a call over the real transport, recording the local server as provider", async () => {
    const completion = await client().chat.completions.create({ model: "llama-3.1-8b", messages: [{ role: "user", content: "x" }] });
    expect(completion.id).toBe("chatcmpl-1");
    expect(server.requests[0]).toMatchObject({ method: "POST", url: "/v1/chat/completions" });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-local");
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ provider: "local", status: "ok", usage: { input: 1200, output: 300 }, retryCount: 0 });
    expect(span!.attributes["server.address"]).toBe("127.0.0.1");
    expect(span!.rateLimit?.tokens?.remaining).toBe(29000);
  });

  it("retries a 429 with a JSON body, then records retry count 1 and the final rate limits", async () => {
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-local", baseURL: server.baseURL, maxRetries: 2 }), { hub: t.hub });
    await openai.chat.completions.create({ model: "flaky", messages: [{ role: "user", content: "x" }] });
    expect(server.requests.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", retryCount: 1, rateLimit: { requests: { limit: 500, remaining: 499 } } });
    expect(span!.events.map((e) => e.attributes?.["http.response.status_code"])).toEqual([429]);
  });

  it("ends a stream abandoned with break: partial output, cancelled, connection closed", async () => {
    const stream = await client().chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }], stream: true });
    let count = 0;
    for await (const _ of stream) if (++count === 3) break;
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", output: { role: "assistant", content: "ab" } });
    expect(span!.error).toMatchObject({ category: "cancelled", type: "StreamAbandoned" });
    expect(span!.completionStartTime).toBeDefined();
    expect(stream.controller.signal.aborted).toBe(true);
    await expect.poll(() => server.closedEarly()).toBe(true);
  });

  it("ends a stream aborted through stream.controller as cancelled", async () => {
    const stream = await client().chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }], stream: true });
    const seen: unknown[] = [];
    for await (const chunk of stream) {
      seen.push(chunk);
      if (seen.length === 2) stream.controller.abort();
    }
    expect(seen).toHaveLength(2);
    const [span] = await t.spans(1);
    expect(span!.error).toMatchObject({ category: "cancelled", type: "APIUserAbortError" });
    expect(span!.output).toEqual({ role: "assistant", content: "a" });
  });

  it("counts a stream left right after the finish reason as complete", async () => {
    const stream = await client().chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }], stream: true });
    for await (const chunk of stream) if (chunk.choices[0]?.finish_reason) break;
    const [span] = await t.spans(1);
    expect(span!.status).toBe("ok");
    expect(span!.output).toEqual({ role: "assistant", content: "abcdef" });
  });

  it("ends a stream cancelled through toReadableStream()", async () => {
    const stream = await client().chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }], stream: true });
    const reader = (stream.toReadableStream() as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    const [span] = await t.spans(1);
    expect(span!.error?.category).toBe("cancelled");
  });
});
