// Prompt management with the real `langfuse` package: getPrompt() against an
// msw-mocked prompt API, a traced generation linked to the prompt, and the
// decoded OTLP request Langfuse would receive carrying its name and version.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { Langfuse } from "langfuse";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHub, type Hub } from "@tracehub/core";
import { fromLangfusePrompt, linkLangfusePrompt, tracehubAdapter, withLangfusePrompt } from "../src/index.js";
import { BASE_URL, KEYS, PUBLIC_KEY, SECRET_KEY } from "./fixtures.js";
import { otelEndpoint, type RecordedRequest } from "./helpers.js";
import { decodeProtobufSpans, type DecodedSpan } from "./otlp-proto.js";

// onUnhandledRequest "error": the SDK's own background flushing must not reach the network unmocked.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const promptRequests: string[] = [];

function promptApi() {
  return http.get(`${BASE_URL}/api/public/v2/prompts/:name`, ({ request, params }) => {
    promptRequests.push(`${request.headers.get("authorization") === `Basic ${Buffer.from(`${PUBLIC_KEY}:${SECRET_KEY}`).toString("base64")}`} ${request.url}`);
    if (params["name"] === "qa") {
      return HttpResponse.json({
        id: "prompt-1",
        name: "qa",
        version: 3,
        type: "text",
        prompt: "Answer the question: {{question}}",
        config: { temperature: 0.2 },
        labels: ["production"],
        tags: [],
      });
    }
    if (params["name"] === "chat-qa") {
      return HttpResponse.json({
        id: "prompt-2",
        name: "chat-qa",
        version: 7,
        type: "chat",
        prompt: [
          { role: "system", content: "You answer questions." },
          { role: "user", content: "{{question}}" },
        ],
        config: {},
        labels: ["production"],
        tags: [],
      });
    }
    return HttpResponse.json({ message: "Prompt not found" }, { status: 404 });
  });
}

async function withClients(run: (langfuse: Langfuse, hub: Hub) => Promise<void>): Promise<DecodedSpan[]> {
  const otel: RecordedRequest[] = [];
  const unexpected: string[] = [];
  // Anything else (the SDK's own ingestion, a wrong path) is recorded, and the test fails on it.
  server.use(
    http.all("*", ({ request }) => {
      unexpected.push(`${request.method} ${request.url}`);
      return HttpResponse.json({}, { status: 500 });
    }),
  );
  server.use(promptApi(), otelEndpoint(otel));
  const langfuse = new Langfuse({ publicKey: PUBLIC_KEY, secretKey: SECRET_KEY, baseUrl: BASE_URL, flushAt: 1000, flushInterval: 3_600_000 });
  const hub = await createHub({ env: KEYS, adapterFactories: { langfuse: tracehubAdapter }, registerShutdownHooks: false, flushIntervalMs: 5 });
  try {
    await run(langfuse, hub);
    await hub.flush(5000);
  } finally {
    await hub.shutdown();
    await langfuse.shutdownAsync();
  }
  expect(unexpected).toEqual([]);
  return otel.flatMap((r) => decodeProtobufSpans(r.body));
}

describe("prompts from the langfuse package", () => {
  it("links a generation to a text prompt fetched with getPrompt", async () => {
    const spans = await withClients(async (langfuse, hub) => {
      const prompt = await langfuse.getPrompt("qa");
      expect(prompt.isFallback).toBe(false);
      await hub.trace("rag-query", async () => {
        await hub.span("generate", { kind: "llm", model: "gpt-4o" }, async (generation) => {
          linkLangfusePrompt(generation, prompt, { question: "What is OTLP?" });
          generation.setInput(prompt.compile({ question: "What is OTLP?" }));
          generation.setUsage({ input: 12, output: 3 });
        });
      });
    });
    expect(promptRequests.at(-1)).toBe(`true ${BASE_URL}/api/public/v2/prompts/qa`);
    const generation = spans.find((s) => s.name === "generate");
    expect(generation?.attributes).toMatchObject({
      "langfuse.observation.type": "generation",
      "langfuse.observation.prompt.name": "qa",
      "langfuse.observation.prompt.version": 3,
      "langfuse.observation.input": "Answer the question: What is OTLP?",
    });
    expect(JSON.parse(generation?.attributes["langfuse.observation.metadata"] as string)).toEqual({
      promptVariables: { question: "What is OTLP?" },
    });
    const root = spans.find((s) => s.name === "rag-query");
    expect(root?.attributes["langfuse.observation.prompt.name"]).toBeUndefined();
  });

  it("stamps a chat prompt on every generation inside withLangfusePrompt, and on nothing else", async () => {
    const spans = await withClients(async (langfuse, hub) => {
      const prompt = await langfuse.getPrompt("chat-qa", undefined, { type: "chat" });
      await hub.trace("chat", async () => {
        await withLangfusePrompt(prompt, async () => {
          await hub.span("retrieve", { kind: "retriever" }, () => "docs");
          await hub.span("answer", { kind: "llm", model: "gpt-4o-mini" }, () => "ok");
        });
      });
    });
    expect(spans.find((s) => s.name === "answer")?.attributes).toMatchObject({
      "langfuse.observation.prompt.name": "chat-qa",
      "langfuse.observation.prompt.version": 7,
    });
    expect(spans.find((s) => s.name === "retrieve")?.attributes["langfuse.observation.prompt.name"]).toBeUndefined();
  });

  it("never links a fallback prompt (getPrompt's fallback when the prompt cannot be fetched)", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const spans = await withClients(async (langfuse, hub) => {
        const prompt = await langfuse.getPrompt("missing", 2, { fallback: "Answer: {{question}}" });
        expect(prompt.isFallback).toBe(true);
        expect(fromLangfusePrompt(prompt)).toEqual({ name: "missing", template: "Answer: {{question}}" });
        await hub.trace("fallback", async () => {
          await hub.span("generate", { kind: "llm", model: "gpt-4o" }, (g) => linkLangfusePrompt(g, prompt));
        });
      });
      const generation = spans.find((s) => s.name === "generate");
      expect(generation?.attributes["langfuse.observation.prompt.name"]).toBeUndefined();
      expect(generation?.attributes["langfuse.observation.prompt.version"]).toBeUndefined();
    } finally {
      quiet.mockRestore();
    }
  });

  it("turns prompt clients into core's PromptRef and never throws on odd input", () => {
    expect(fromLangfusePrompt({ name: "qa", version: 3, prompt: "t" }, { a: 1 })).toEqual({ name: "qa", version: 3, template: "t", variables: { a: 1 } });
    const chat = [{ role: "user", content: "hi" }];
    expect(fromLangfusePrompt({ name: "c", version: 1, prompt: chat })).toEqual({ name: "c", version: 1, template: chat });
    expect(fromLangfusePrompt(undefined as never)).toEqual({});
    const hostile = Object.defineProperty({}, "name", { get: () => { throw new Error("boom"); } });
    expect(fromLangfusePrompt(hostile as never)).toEqual({});
  });
});
