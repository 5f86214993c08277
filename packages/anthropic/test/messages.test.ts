import Anthropic from "@anthropic-ai/sdk";
import { delay, HttpResponse } from "msw";
import { useMockedVendorApi } from "@tracehub/test-support";
import { describe, expect, it } from "vitest";
import { instrumentAnthropic } from "../src/index.js";
import { MESSAGE, TOOL_MESSAGE, streamEvents } from "./fixtures.js";
import { RATE_LIMIT_HEADERS, anthropicSse } from "./helpers.js";

const URL = "https://api.anthropic.com/v1/messages";
const { received, tracing: t, replyTo } = useMockedVendorApi();

const reply = (answer: () => Response | Promise<Response>) => replyTo(URL, answer);

const client = (options: Partial<ConstructorParameters<typeof Anthropic>[0]> = {}) =>
  instrumentAnthropic(new Anthropic({ apiKey: "sk-ant-test", maxRetries: 0, ...options }), { hub: t.hub });
const messages: Anthropic.MessageParam[] = [{ role: "user", content: "Say hi" }];

describe("messages.create, not streamed", () => {
  it("sends the request unchanged; records input with system, output, usage with cache tokens, cost and rate limits", async () => {
    reply(() => HttpResponse.json(MESSAGE, { headers: RATE_LIMIT_HEADERS }));
    const message = await client().messages.create({
      model: "claude-sonnet-4-20250514",
      max_tokens: 256,
      system: "Be terse.",
      messages,
      stop_sequences: ["END"],
      output_config: { effort: "low" },
      metadata: { user_id: "u-1" },
    });
    expect(message.content[0]).toEqual({ type: "text", text: "Hi there!" });

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "POST", url: URL });
    // SDK 1.x sends the API key as a bearer token.
    expect(received[0]!.headers.authorization).toBe("Bearer sk-ant-test");
    expect(received[0]!.headers["x-stainless-retry-count"]).toBe("0");
    expect(received[0]!.body).toEqual({
      model: "claude-sonnet-4-20250514",
      max_tokens: 256,
      system: "Be terse.",
      messages,
      stop_sequences: ["END"],
      output_config: { effort: "low" },
      metadata: { user_id: "u-1" },
    });

    const [span] = await t.spans(1);
    expect(span).toMatchObject({
      name: "chat claude-sonnet-4-20250514",
      kind: "llm",
      status: "ok",
      provider: "anthropic",
      model: "claude-sonnet-4-20250514",
      modelParameters: { max_tokens: 256, stop_sequences: ["END"], effort: "low" },
      input: [{ role: "system", content: "Be terse." }, ...messages],
      output: { role: "assistant", content: MESSAGE.content },
      // input_tokens excludes the cache: core's input is 100 + 5000 read + 2000 written.
      usage: { input: 7100, output: 40, total: 7140, cacheRead: 5000, cacheWrite: 2000, cacheWrite5m: 2000 },
      retryCount: 0,
    });
    expect(span!.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.response.id": "msg_01",
      "gen_ai.response.finish_reasons": ["end_turn"],
      "anthropic.request.id": "req_ant_1",
      "server.address": "api.anthropic.com",
      "gen_ai.request.stop_sequences": ["END"],
    });
    expect(span!.modelParameters).not.toHaveProperty("metadata");
    expect(span!.rateLimit).toEqual({
      requests: { limit: 50, remaining: 49, resetAt: Date.parse("2030-01-01T00:00:05Z") },
      tokens: { limit: 100000, remaining: 98000, resetAt: Date.parse("2030-01-01T00:00:30Z") },
      inputTokens: { limit: 80000, remaining: 79000, resetAt: Date.parse("2030-01-01T00:00:30Z") },
      outputTokens: { limit: 20000, remaining: 19000, resetAt: Date.parse("2030-01-01T00:00:10Z") },
    });
    // Priced with cache reads and writes at their own rates.
    expect(span!.cost?.cacheRead).toBeGreaterThan(0);
    expect(span!.cost?.cacheWrite).toBeGreaterThan(0);
  });

  it("records tool use in the output and the tools offered in the input", async () => {
    reply(() => HttpResponse.json(TOOL_MESSAGE));
    const tools = [{ name: "get_weather", description: "Weather", input_schema: { type: "object" as const, properties: {} } }];
    await client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages, tools, tool_choice: { type: "tool", name: "get_weather" } });
    const [span] = await t.spans(1);
    expect(span!.input).toEqual({ messages, tools });
    expect(span!.output).toEqual({ role: "assistant", content: TOOL_MESSAGE.content });
    expect(span!.modelParameters).toMatchObject({ tool_choice: "tool:get_weather" });
    expect(span!.attributes["gen_ai.response.tool_calls"]).toEqual(["get_weather"]);
  });

  it("keeps .withResponse() and .asResponse() working", async () => {
    reply(() => HttpResponse.json(MESSAGE, { headers: RATE_LIMIT_HEADERS }));
    const anthropic = client();
    const { data, response } = await anthropic.messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages }).withResponse();
    expect(data.id).toBe("msg_01");
    expect(response.headers.get("request-id")).toBe("req_ant_1");
    const raw = await anthropic.messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages }).asResponse();
    expect(((await raw.json()) as { id: string }).id).toBe("msg_01");
    const spans = await t.spans(2);
    expect(spans.map((s) => s.usage?.input)).toEqual([7100, 7100]);
  });

  it("records a refusal as a content_filter error", async () => {
    reply(() => HttpResponse.json({ ...MESSAGE, content: [], stop_reason: "refusal" }));
    await client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages });
    const [span] = await t.spans(1);
    expect(span!.error).toMatchObject({ category: "content_filter", type: "Refusal" });
  });
});

describe("messages.create, streamed", () => {
  it("records first token, the rebuilt message and usage merged from message_start and message_delta", async () => {
    reply(() => anthropicSse(streamEvents(), { delayMs: 2, headers: RATE_LIMIT_HEADERS }));
    const stream = await client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages, stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    // The SDK drops `ping` events itself; the caller sees every other event.
    expect(types).toEqual(streamEvents().map((e) => e.type).filter((type) => type !== "ping"));
    expect(received[0]!.body).toEqual({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages, stream: true });
    const [span] = await t.spans(1);
    expect(span).toMatchObject({
      status: "ok",
      output: { role: "assistant", content: [{ type: "text", text: "Hello!" }] },
      usage: { input: 3012, output: 25, total: 3037, cacheRead: 3000 },
      rateLimit: { requests: { remaining: 49 } },
    });
    expect(span!.attributes["gen_ai.response.finish_reasons"]).toEqual(["end_turn"]);
    expect(span!.completionStartTime).toBeGreaterThan(span!.startTime);
    expect(span!.completionStartTime).toBeLessThanOrEqual(span!.endTime);
  });

  it("reassembles a streamed tool_use input", async () => {
    reply(() => anthropicSse(streamEvents("tool")));
    const stream = await client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages, stream: true });
    for await (const _ of stream) void _;
    const [span] = await t.spans(1);
    expect(span!.output).toEqual({
      role: "assistant",
      content: [
        { type: "text", text: "Hello!" },
        { type: "tool_use", id: "toolu_9", name: "get_weather", input: { city: "Paris" } },
      ],
    });
    expect(span!.attributes["gen_ai.response.finish_reasons"]).toEqual(["tool_use"]);
  });

  it("traces messages.stream() (it calls messages.create) and keeps its helpers working", async () => {
    reply(() => anthropicSse(streamEvents()));
    const final = await client().messages.stream({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages }).finalMessage();
    expect(final.content).toEqual([{ type: "text", text: "Hello!" }]);
    const spans = await t.spans(1);
    await t.hub.flush();
    expect(spans).toHaveLength(1);
    expect(spans[0]!.usage?.output).toBe(25);
  });

  it("records an error event in the stream with its category", async () => {
    reply(() => anthropicSse([streamEvents()[0]!, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } as any]));
    const stream = await client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages, stream: true });
    await expect(async () => {
      for await (const _ of stream) void _;
    }).rejects.toThrow();
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", error: { category: "server" } });
  });
});

describe("retries and errors", () => {
  it("records a 429 with retry-after, then success: retry count 1 and a retry event", async () => {
    let attempt = 0;
    reply(() =>
      attempt++ === 0
        ? // No body: msw never settles the cancel of a body the SDK drops before retrying (loopback.test.ts has one with a body).
          new HttpResponse(null, {
            status: 429,
            headers: { "retry-after": "1", "retry-after-ms": "5", "anthropic-ratelimit-requests-remaining": "0" },
          })
        : HttpResponse.json(MESSAGE, { headers: RATE_LIMIT_HEADERS }),
    );
    await client({ maxRetries: 2 }).messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages });
    expect(received.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", retryCount: 1, rateLimit: { requests: { remaining: 49 } } });
    expect(span!.events[0]).toMatchObject({
      name: "retry",
      attributes: { "retry.attempt": 1, "http.response.status_code": 429, "http.response.header.retry-after": "1" },
    });
  });

  it("records a final 429 as rate_limit with its retry-after and rate limits", async () => {
    reply(() =>
      HttpResponse.json(
        { type: "error", error: { type: "rate_limit_error", message: "Number of requests has exceeded your rate limit" } },
        { status: 429, headers: { "retry-after": "17", "anthropic-ratelimit-tokens-remaining": "0", "anthropic-ratelimit-tokens-reset": "2030-01-01T00:01:00Z" } },
      ),
    );
    await expect(client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages })).rejects.toBeInstanceOf(Anthropic.RateLimitError);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", error: { type: "RateLimitError", category: "rate_limit" } });
    expect(span!.attributes["http.response.header.retry-after"]).toBe("17");
    expect(span!.rateLimit?.tokens).toEqual({ remaining: 0, resetAt: Date.parse("2030-01-01T00:01:00Z") });
  });

  it("records a timeout as category timeout", async () => {
    reply(async () => {
      await delay(300);
      return HttpResponse.json(MESSAGE);
    });
    await expect(client({ timeout: 20 }).messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages })).rejects.toBeInstanceOf(
      Anthropic.APIConnectionTimeoutError,
    );
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ timeoutMs: 20, error: { type: "APIConnectionTimeoutError", category: "timeout" } });
  });

  it.each([
    [401, "authentication_error", "AuthenticationError", "auth"],
    [400, "invalid_request_error", "BadRequestError", "bad_request"],
    [404, "not_found_error", "NotFoundError", "not_found"],
    [529, "overloaded_error", "OverloadedError", "server"],
  ])("records HTTP %i (%s) as %s / %s", async (status, type, className, category) => {
    reply(() => HttpResponse.json({ type: "error", error: { type, message: "nope" } }, { status }));
    await expect(client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages })).rejects.toThrow();
    const [span] = await t.spans(1);
    expect(span!.error).toMatchObject({ type: className, category });
  });
});
