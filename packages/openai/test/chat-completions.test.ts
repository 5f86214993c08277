import OpenAI from "openai";
import { HttpResponse } from "msw";
import { useMockedVendorApi } from "@tracehub/test-support";
import { describe, expect, it } from "vitest";
import { instrumentOpenAI } from "../src/index.js";
import { CHAT_COMPLETION, MESSAGES, TOOL_COMPLETION, textChunks, toolCallChunks } from "./fixtures.js";
import { RATE_LIMIT_HEADERS, openaiSse } from "./helpers.js";

const URL = "https://api.openai.com/v1/chat/completions";
const { received, tracing: t, replyTo } = useMockedVendorApi();

function client(options: ConstructorParameters<typeof OpenAI>[0] = {}) {
  return instrumentOpenAI(new OpenAI({ apiKey: "sk-test", maxRetries: 0, ...options }), { hub: t.hub });
}

function reply(body: object | (() => Response), headers: Record<string, string> = {}) {
  replyTo(URL, () => (typeof body === "function" ? (body as () => Response)() : HttpResponse.json(body as Record<string, unknown>, { headers })));
}

describe("chat.completions.create, not streamed", () => {
  it("sends the caller's request unchanged and records model, parameters, messages, output, usage and cost", async () => {
    reply(CHAT_COMPLETION, RATE_LIMIT_HEADERS);
    const openai = client();
    const completion = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: MESSAGES as OpenAI.ChatCompletionMessageParam[],
      temperature: 0.2,
      max_tokens: 100,
      stop: ["\n"],
      user: "u-1",
    });
    expect(completion.choices[0]?.message.content).toBe("Hi!");
    expect(completion._request_id).toBe("req_abc123");

    expect(received).toHaveLength(1);
    const request = received[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(URL);
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.headers["x-stainless-retry-count"]).toBe("0");
    expect(request.body).toEqual({ model: "gpt-4o-mini", messages: MESSAGES, temperature: 0.2, max_tokens: 100, stop: ["\n"], user: "u-1" });

    const [span] = await t.spans(1);
    expect(span).toMatchObject({
      name: "chat gpt-4o-mini",
      kind: "llm",
      status: "ok",
      model: "gpt-4o-mini-2024-07-18",
      provider: "openai",
      modelParameters: { temperature: 0.2, max_tokens: 100, stop: ["\n"] },
      input: MESSAGES,
      output: { role: "assistant", content: "Hi!", refusal: null },
      usage: { input: 1200, output: 300, total: 1500, cacheRead: 1024, reasoning: 128 },
      retryCount: 0,
      timeoutMs: 600_000,
    });
    expect(span!.modelParameters).not.toHaveProperty("user");
    expect(span!.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.max_tokens": 100,
      "gen_ai.response.id": "chatcmpl-1",
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.response.finish_reasons": ["stop"],
      "server.address": "api.openai.com",
      "server.port": 443,
      "openai.request.id": "req_abc123",
      "http.response.status_code": 200,
    });
    // Core prices the usage from the model: cached and reasoning tokens are parts of input and output.
    expect(span!.cost?.total).toBeGreaterThan(0);
    expect(span!.cost?.cacheRead).toBeGreaterThan(0);
  });

  it("parses the rate-limit headers into the span, resets relative to the response time", async () => {
    reply(CHAT_COMPLETION, RATE_LIMIT_HEADERS);
    const before = Date.now();
    await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] });
    const after = Date.now();
    const [span] = await t.spans(1);
    const { requests, tokens } = span!.rateLimit!;
    expect(requests).toMatchObject({ limit: 500, remaining: 499 });
    expect(tokens).toMatchObject({ limit: 30000, remaining: 29000 });
    expect(requests!.resetAt).toBeGreaterThanOrEqual(before + 120);
    expect(requests!.resetAt).toBeLessThanOrEqual(after + 120);
    expect(tokens!.resetAt).toBeGreaterThanOrEqual(before + 360_000);
    expect(tokens!.resetAt).toBeLessThanOrEqual(after + 360_000);
  });

  it("records tool calls and the tools offered", async () => {
    reply(TOOL_COMPLETION);
    const tools = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object" } } }];
    await client().chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "weather?" }], tools, tool_choice: "auto" });
    const [span] = await t.spans(1);
    expect(span!.input).toEqual({ messages: [{ role: "user", content: "weather?" }], tools });
    expect(span!.output).toEqual(TOOL_COMPLETION.choices[0]!.message);
    expect(span!.modelParameters).toMatchObject({ tool_choice: "auto" });
    expect(span!.attributes["gen_ai.response.finish_reasons"]).toEqual(["tool_calls"]);
  });

  it("records a content-filtered answer as a content_filter error", async () => {
    reply({ ...CHAT_COMPLETION, choices: [{ index: 0, message: { role: "assistant", content: null }, finish_reason: "content_filter" }] });
    await client().chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "x" }] });
    const [span] = await t.spans(1);
    expect(span!.status).toBe("error");
    expect(span!.error).toMatchObject({ category: "content_filter", type: "ContentFilter" });
  });

  it("keeps .withResponse() and .asResponse() working, and still ends the span", async () => {
    reply(CHAT_COMPLETION, RATE_LIMIT_HEADERS);
    const openai = client();
    const { data, response, request_id } = await openai.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] })
      .withResponse();
    expect(data.id).toBe("chatcmpl-1");
    expect(response.status).toBe(200);
    expect(request_id).toBe("req_abc123");

    const raw = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "y" }] }).asResponse();
    // The raw body is still the caller's to read: the wrapper read a copy.
    expect(JSON.parse(await raw.text())).toEqual(CHAT_COMPLETION);
    const spans = await t.spans(2);
    expect(spans.map((s) => s.output)).toEqual([CHAT_COMPLETION.choices[0]!.message, CHAT_COMPLETION.choices[0]!.message]);
  });

  it("does not trace twice when instrumented twice, and traces withOptions() clones", async () => {
    reply(CHAT_COMPLETION);
    const openai = client();
    instrumentOpenAI(openai, { hub: t.hub });
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] });
    await openai.withOptions({ timeout: 1234 }).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] });
    const spans = await t.spans(2);
    await t.hub.flush();
    expect(spans).toHaveLength(2);
    expect(spans[1]!.timeoutMs).toBe(1234);
  });

  it("becomes a child of the current span", async () => {
    reply(CHAT_COMPLETION);
    const openai = client();
    await t.hub.trace("rag", async () => {
      await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] });
    });
    const spans = await t.spans(2);
    const root = spans.find((s) => s.name === "rag")!;
    const llm = spans.find((s) => s.kind === "llm")!;
    expect(llm.parentSpanId).toBe(root.spanId);
    expect(llm.traceId).toBe(root.traceId);
  });

  it("records no content with captureContent: false", async () => {
    reply(CHAT_COMPLETION);
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-test" }), { hub: t.hub, captureContent: false });
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "secret" }] });
    const [span] = await t.spans(1);
    expect(span!.input).toBeUndefined();
    expect(span!.output).toBeUndefined();
    expect(span!.usage?.input).toBe(1200);
  });
});

describe("chat.completions.create, streamed", () => {
  it("requests usage when the caller did not, hides the usage chunk, and records usage, output and first token", async () => {
    reply(() => openaiSse(textChunks(["Hel", "lo"], true), { delayMs: 2 }));
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], stream: true });
    const seen: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) seen.push(chunk);

    expect(received[0]!.body.stream_options).toEqual({ include_usage: true });
    // What the caller sees is what the API sends without include_usage: no usage chunk, no `usage` key.
    expect(seen).toEqual(textChunks(["Hel", "lo"], false));
    expect(seen.every((chunk) => !("usage" in chunk))).toBe(true);

    const [span] = await t.spans(1);
    expect(span).toMatchObject({
      status: "ok",
      model: "gpt-4o-mini-2024-07-18",
      output: { role: "assistant", content: "Hello" },
      usage: { input: 20, output: 7, total: 27 },
    });
    expect(span!.attributes).toMatchObject({ "gen_ai.request.stream": true, "gen_ai.response.finish_reasons": ["stop"], "gen_ai.response.id": "chatcmpl-2" });
    expect(span!.completionStartTime).toBeGreaterThan(span!.startTime);
    expect(span!.completionStartTime).toBeLessThanOrEqual(span!.endTime);
    expect(span!.cost?.total).toBeGreaterThan(0);
  });

  it("leaves a caller's own include_usage alone: the caller gets the usage chunk", async () => {
    reply(() => openaiSse(textChunks(["Hi"], true)));
    const stream = await client().chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "x" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const seen: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) seen.push(chunk);
    expect(received[0]!.body.stream_options).toEqual({ include_usage: true });
    expect(seen).toEqual(textChunks(["Hi"], true));
    expect(seen.at(-1)!.usage?.total_tokens).toBe(27);
    const [span] = await t.spans(1);
    expect(span!.usage).toMatchObject({ input: 20, output: 7, total: 27 });
  });

  it("respects include_usage: false and streamUsage: false (no usage, nothing injected)", async () => {
    reply(() => openaiSse(textChunks(["Hi"], false)));
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-test" }), { hub: t.hub, streamUsage: false });
    const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], stream: true });
    for await (const _ of stream) void _;
    expect(received[0]!.body).not.toHaveProperty("stream_options");
    const [span] = await t.spans(1);
    expect(span!.usage).toBeUndefined();
    expect(span!.output).toEqual({ role: "assistant", content: "Hi" });
  });

  it("reassembles streamed tool calls", async () => {
    reply(() => openaiSse(toolCallChunks()));
    const stream = await client().chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "x" }], stream: true });
    for await (const _ of stream) void _;
    const [span] = await t.spans(1);
    expect(span!.output).toEqual({
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { id: "call_b", type: "function", function: { name: "get_time", arguments: "{}" } },
      ],
    });
    expect(span!.attributes["gen_ai.response.tool_calls"]).toEqual(["get_weather", "get_time"]);
    expect(span!.attributes["gen_ai.response.finish_reasons"]).toEqual(["tool_calls"]);
  });

  it("keeps tee() working: both halves see every chunk, the span is recorded once", async () => {
    reply(() => openaiSse(textChunks(["x", "y"], true)));
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], stream: true });
    const [left, right] = stream.tee();
    const read = async (s: AsyncIterable<OpenAI.ChatCompletionChunk>) => {
      const out: string[] = [];
      for await (const chunk of s) out.push(chunk.choices[0]?.delta.content ?? "-");
      return out;
    };
    const [a, b] = await Promise.all([read(left), read(right)]);
    expect(a).toEqual(["", "x", "y", "-"]);
    expect(b).toEqual(a);
    const spans = await t.spans(1);
    await t.hub.flush();
    expect(spans).toHaveLength(1);
    expect(spans[0]!.output).toEqual({ role: "assistant", content: "xy" });
  });

  it("keeps toReadableStream() working (newline-delimited chunks, usage chunk hidden)", async () => {
    reply(() => openaiSse(textChunks(["x"], true)));
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], stream: true });
    const text = await new Response(stream.toReadableStream() as ReadableStream).text();
    const lines = text.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toEqual(textChunks(["x"], false));
    const [span] = await t.spans(1);
    expect(span!.usage?.total).toBe(27);
  });

  it("records an error event in the stream as the span's error", async () => {
    reply(() => openaiSse([textChunks(["a"], false)[0], { error: { message: "overloaded", type: "server_error" } }], { done: false }));
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], stream: true });
    await expect(async () => {
      for await (const _ of stream) void _;
    }).rejects.toThrow("overloaded");
    const [span] = await t.spans(1);
    expect(span!.status).toBe("error");
    expect(span!.error?.message).toContain("overloaded");
  });

  it("keeps .withResponse() on a streamed call", async () => {
    reply(() => openaiSse(textChunks(["x"], true), { headers: { "x-request-id": "req_s" } }));
    const { data, request_id } = await client()
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], stream: true })
      .withResponse();
    expect(request_id).toBe("req_s");
    const seen: unknown[] = [];
    for await (const chunk of data) seen.push(chunk);
    expect(seen).toHaveLength(3);
    const [span] = await t.spans(1);
    expect(span!.attributes["openai.request.id"]).toBe("req_s");
  });
});
