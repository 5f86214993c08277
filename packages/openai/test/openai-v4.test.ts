// The main paths again against openai v4 (node-fetch transport, plain-object
// request headers, its own APIPromise and Stream classes).
import OpenAI from "openai-v4";
import { delay, http, HttpResponse } from "msw";
import { useMockedVendorApi } from "@tracehub/test-support";
import { describe, expect, it } from "vitest";
import { instrumentOpenAI } from "../src/index.js";
import { CHAT_COMPLETION, EMBEDDING, textChunks, toolCallChunks } from "./fixtures.js";
import { RATE_LIMIT_HEADERS, openaiSse } from "./helpers.js";

const URL = "https://api.openai.com/v1/chat/completions";
const { server, received, tracing: t, replyTo } = useMockedVendorApi();

const reply = (answer: () => Response | Promise<Response>) => replyTo(URL, answer);

const client = (options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
  instrumentOpenAI(new OpenAI({ apiKey: "sk-test", maxRetries: 0, ...options }), { hub: t.hub });
const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: "x" }];

describe("openai v4", () => {
  it("traces a non-streamed call with usage, rate limits and the request unchanged", async () => {
    reply(() => HttpResponse.json(CHAT_COMPLETION, { headers: RATE_LIMIT_HEADERS }));
    const completion = await client().chat.completions.create({ model: "gpt-4o-mini", messages, temperature: 0 });
    expect(completion.id).toBe("chatcmpl-1");
    expect(received[0]!.body).toEqual({ model: "gpt-4o-mini", messages, temperature: 0 });
    const [span] = await t.spans(1);
    expect(span).toMatchObject({
      status: "ok",
      model: "gpt-4o-mini-2024-07-18",
      usage: { input: 1200, output: 300, cacheRead: 1024, reasoning: 128 },
      output: CHAT_COMPLETION.choices[0]!.message,
      retryCount: 0,
      rateLimit: { requests: { limit: 500, remaining: 499 }, tokens: { limit: 30000 } },
    });
  });

  it("injects and hides stream usage", async () => {
    reply(() => openaiSse(textChunks(["Hel", "lo"], true)));
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    const seen: unknown[] = [];
    for await (const chunk of stream) seen.push(chunk);
    expect(received[0]!.body.stream_options).toEqual({ include_usage: true });
    expect(seen).toEqual(textChunks(["Hel", "lo"], false));
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", output: { content: "Hello" }, usage: { input: 20, output: 7, total: 27 } });
    expect(span!.completionStartTime).toBeDefined();
  });

  it("reassembles streamed tool calls", async () => {
    reply(() => openaiSse(toolCallChunks()));
    const stream = await client().chat.completions.create({ model: "gpt-4o", messages, stream: true });
    for await (const _ of stream) void _;
    const [span] = await t.spans(1);
    expect((span!.output as any).tool_calls.map((c: any) => c.function)).toEqual([
      { name: "get_weather", arguments: '{"city":"Paris"}' },
      { name: "get_time", arguments: "{}" },
    ]);
  });

  it("records a 429 then success as retry count 1", async () => {
    let attempt = 0;
    reply(() => (attempt++ === 0 ? new HttpResponse(null, { status: 429, headers: { "retry-after-ms": "5" } }) : HttpResponse.json(CHAT_COMPLETION)));
    await client({ maxRetries: 2 }).chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(received.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", retryCount: 1 });
  });

  it("keeps .withResponse() and .asResponse()", async () => {
    reply(() => HttpResponse.json(CHAT_COMPLETION, { headers: RATE_LIMIT_HEADERS }));
    const openai = client();
    const { data, response } = await openai.chat.completions.create({ model: "gpt-4o-mini", messages }).withResponse();
    expect(data.id).toBe("chatcmpl-1");
    expect(response.headers.get("x-request-id")).toBe("req_abc123");
    const raw = await openai.chat.completions.create({ model: "gpt-4o-mini", messages }).asResponse();
    expect((await raw.json()).id).toBe("chatcmpl-1");
    expect(await t.spans(2)).toHaveLength(2);
  });

  it("records errors and timeouts with their category", async () => {
    reply(() => HttpResponse.json({ error: { message: "bad key" } }, { status: 401 }));
    await expect(client().chat.completions.create({ model: "gpt-4o-mini", messages })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    server.resetHandlers();
    reply(async () => {
      await delay(300);
      return HttpResponse.json(CHAT_COMPLETION);
    });
    await expect(client({ timeout: 20 }).chat.completions.create({ model: "gpt-4o-mini", messages })).rejects.toBeInstanceOf(
      OpenAI.APIConnectionTimeoutError,
    );
    const spans = await t.spans(2);
    expect(spans.map((s) => s.error?.category)).toEqual(["auth", "timeout"]);
  });

  it("traces embeddings (base64 on the wire, decoded by the SDK)", async () => {
    const vector = Buffer.from(new Float32Array([1, 2, 3]).buffer).toString("base64");
    const data = [0, 1].map((index) => ({ object: "embedding", index, embedding: vector }));
    server.use(http.post("https://api.openai.com/v1/embeddings", () => HttpResponse.json({ ...EMBEDDING, data })));
    const result = await client().embeddings.create({ model: "text-embedding-3-small", input: ["a", "b"] });
    expect(Array.from(result.data[1]!.embedding)).toEqual([1, 2, 3]);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ kind: "embedding", usage: { input: 8 }, output: { count: 2, dimensions: 3 } });
  });
});
