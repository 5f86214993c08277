// responses.create, embeddings.create and completions.create, streamed and not.
import OpenAI from "openai";
import { HttpResponse } from "msw";
import { sseResponse, useMockedVendorApi } from "@tracehub/test-support";
import { describe, expect, it } from "vitest";
import { instrumentOpenAI } from "../src/index.js";
import { COMPLETION, EMBEDDING, RESPONSE } from "./fixtures.js";
import { openaiSse } from "./helpers.js";

const BASE = "https://api.openai.com/v1";
const { received, tracing: t, replyTo } = useMockedVendorApi();

function route(path: string, answer: () => Response) {
  replyTo(`${BASE}${path}`, answer);
}

const client = () => instrumentOpenAI(new OpenAI({ apiKey: "sk-test", maxRetries: 0 }), { hub: t.hub });

describe("responses.create", () => {
  it("records instructions, input, output items and usage of a non-streamed response", async () => {
    route("/responses", () => HttpResponse.json(RESPONSE));
    const response = await client().responses.create({ model: "gpt-4.1", instructions: "Be brief", input: "Hello?", max_output_tokens: 50 });
    expect(response.output_text).toBe("Hello there");
    expect(received[0]!.body).toEqual({ model: "gpt-4.1", instructions: "Be brief", input: "Hello?", max_output_tokens: 50 });
    const [span] = await t.spans(1);
    expect(span).toMatchObject({
      name: "chat gpt-4.1",
      kind: "llm",
      status: "ok",
      model: "gpt-4.1-2025-04-14",
      input: { instructions: "Be brief", input: "Hello?" },
      output: RESPONSE.output,
      usage: { input: 50, output: 20, total: 70, cacheRead: 10, reasoning: 5 },
      modelParameters: { max_output_tokens: 50 },
    });
    expect(span!.attributes).toMatchObject({ "gen_ai.response.id": "resp_1", "gen_ai.response.finish_reasons": ["completed"], "gen_ai.request.max_tokens": 50 });
  });

  it("records a streamed response from its events: first token, final usage, nothing injected", async () => {
    const events = [
      { type: "response.created", sequence_number: 0, response: { ...RESPONSE, status: "in_progress", output: [], usage: null } },
      { type: "response.output_text.delta", sequence_number: 1, item_id: "msg_1", output_index: 0, content_index: 0, delta: "Hello" },
      { type: "response.output_text.delta", sequence_number: 2, item_id: "msg_1", output_index: 0, content_index: 0, delta: " there" },
      { type: "response.completed", sequence_number: 3, response: RESPONSE },
    ];
    route("/responses", () => sseResponse(events.map((data) => ({ event: data.type, data })), { done: false, delayMs: 1 }));
    const stream = await client().responses.create({ model: "gpt-4.1", input: "Hello?", stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(events.map((e) => e.type));
    expect(received[0]!.body).toEqual({ model: "gpt-4.1", input: "Hello?", stream: true });
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", output: RESPONSE.output, usage: { input: 50, output: 20, cacheRead: 10, reasoning: 5 } });
    expect(span!.completionStartTime).toBeGreaterThan(span!.startTime);
  });

  it("records a failed response as an error of its code's category", async () => {
    route("/responses", () =>
      HttpResponse.json({ ...RESPONSE, status: "failed", output: [], error: { code: "rate_limit_exceeded", message: "slow down" } }),
    );
    await client().responses.create({ model: "gpt-4.1", input: "x" });
    const [span] = await t.spans(1);
    expect(span!.error).toMatchObject({ type: "rate_limit_exceeded", category: "rate_limit", message: "slow down" });
  });
});

describe("embeddings.create", () => {
  it("records an embedding span with usage and the vectors' count and size (not the vectors)", async () => {
    route("/embeddings", () => HttpResponse.json(EMBEDDING));
    const result = await client().embeddings.create({ model: "text-embedding-3-small", input: ["a", "b"], encoding_format: "float" });
    expect(result.data[0]!.embedding).toEqual([0.1, 0.2, 0.3, 0.4]);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({
      name: "embeddings text-embedding-3-small",
      kind: "embedding",
      status: "ok",
      input: ["a", "b"],
      output: { count: 2, dimensions: 4 },
      usage: { input: 8, total: 8 },
      modelParameters: { encoding_format: "float" },
    });
    expect(span!.attributes).toMatchObject({ "gen_ai.operation.name": "embeddings", "gen_ai.embeddings.dimension.count": 4 });
  });

  it("reads the size of base64 vectors, the SDK's default wire format", async () => {
    const vector = Buffer.from(new Float32Array([1, 2, 3]).buffer).toString("base64");
    route("/embeddings", () => HttpResponse.json({ ...EMBEDDING, data: [{ object: "embedding", index: 0, embedding: vector }] }));
    const result = await client().embeddings.create({ model: "text-embedding-3-small", input: "a" });
    expect(received[0]!.body.encoding_format).toBe("base64");
    expect(result.data[0]!.embedding).toEqual([1, 2, 3]);
    const [span] = await t.spans(1);
    expect(span!.output).toEqual({ count: 1, dimensions: 3 });
  });
});

describe("completions.create", () => {
  it("records prompt, text and usage", async () => {
    route("/completions", () => HttpResponse.json(COMPLETION));
    await client().completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "Hello", max_tokens: 5 });
    const [span] = await t.spans(1);
    expect(span).toMatchObject({
      name: "text_completion gpt-3.5-turbo-instruct",
      input: "Hello",
      output: " world",
      usage: { input: 3, output: 2, total: 5 },
      status: "ok",
    });
  });

  it("records a streamed completion with injected, hidden usage", async () => {
    const chunk = (text: string, finish: string | null) => ({
      id: "cmpl-2",
      object: "text_completion",
      created: 1,
      model: "gpt-3.5-turbo-instruct",
      choices: [{ text, index: 0, logprobs: null, finish_reason: finish }],
      usage: null,
    });
    const usageChunk = { id: "cmpl-2", object: "text_completion", created: 1, model: "gpt-3.5-turbo-instruct", choices: [], usage: COMPLETION.usage };
    route("/completions", () => openaiSse([chunk(" wor", null), chunk("ld", "stop"), usageChunk]));
    const stream = await client().completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "Hello", stream: true });
    const seen: unknown[] = [];
    for await (const c of stream) seen.push(c);
    expect(received[0]!.body.stream_options).toEqual({ include_usage: true });
    expect(seen).toHaveLength(2);
    expect(seen.every((c) => !Object.hasOwn(c as object, "usage"))).toBe(true);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ output: " world", usage: { input: 3, output: 2, total: 5 }, status: "ok" });
  });
});
