// The attribute mappers on their own: they compose, each can be switched off or
// told to leave content out, and the payload shapes they read are the ones
// instrumentations produce (OpenAI, Anthropic, LangChain, LlamaIndex).
import type { ReadonlySpan } from "@tracehub/core";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_ATTRIBUTE_MAPPERS,
  encodeTraceRequest,
  genAiAttributeMapper,
  genAiAttributes,
  inputMessages,
  openInferenceAttributeMapper,
  outputMessages,
  spanAttributes,
  type SpanAttributeMapper,
} from "../src/index.js";
import { GENERATE, RETRIEVE, span } from "./fixtures.js";
import { attributeMap, decodedSpans, decodeRequest } from "./otlp-proto.js";

function run(mappers: readonly SpanAttributeMapper[], s: ReadonlySpan): Record<string, unknown> {
  const [decoded] = decodedSpans(decodeRequest(encodeTraceRequest({ spans: [s] }, { attributeMappers: mappers }).body));
  return attributeMap(decoded?.span.attributes);
}

describe("attribute mappers", () => {
  it("run in order, the first to add a key wins, and a custom mapper composes with the built-ins", () => {
    const custom: SpanAttributeMapper = (s, add) => {
      add("user.id", "from-custom");
      add("langfuse.observation.type", s.kind === "llm" ? "GENERATION" : "SPAN");
      add("skipped", undefined);
      add("skipped.too", null);
    };
    const attributes = run([custom, ...DEFAULT_ATTRIBUTE_MAPPERS], GENERATE);
    expect(attributes["user.id"]).toBe("from-custom"); // OpenInference's user.id came later
    expect(attributes["langfuse.observation.type"]).toBe("GENERATION");
    expect(attributes).not.toHaveProperty("skipped");
    expect(attributes).not.toHaveProperty("skipped.too");
  });

  it("can run GenAI alone, OpenInference alone, or with content left out", () => {
    const genAiOnly = run([genAiAttributes], GENERATE);
    expect(Object.keys(genAiOnly).every((k) => k.startsWith("gen_ai."))).toBe(true);
    expect(genAiOnly).toHaveProperty("gen_ai.input.messages");

    const noContent = run([genAiAttributeMapper({ content: false }), openInferenceAttributeMapper({ content: false })], GENERATE);
    const contentKeys = Object.keys(noContent).filter((k) => /messages|input\.|output\.|tool\.call\.(arguments|result)/.test(k));
    expect(contentKeys).toEqual([]);
    expect(noContent["gen_ai.usage.input_tokens"]).toBe(812);
    expect(noContent["llm.token_count.prompt"]).toBe(812);

    const openInferenceOnly = run([openInferenceAttributeMapper()], RETRIEVE);
    expect(Object.keys(openInferenceOnly).some((k) => k.startsWith("gen_ai."))).toBe(false);
    expect(openInferenceOnly["retrieval.documents.0.document.id"]).toBe("doc-1");
  });

  it("writes nothing from content that core's redaction removed", () => {
    const hidden = { ...GENERATE, input: undefined, output: undefined };
    const attributes = run(DEFAULT_ATTRIBUTE_MAPPERS, hidden);
    expect(Object.keys(attributes).filter((k) => /messages|^input\.|^output\./.test(k))).toEqual([]);
  });

  it("reads Anthropic-style requests and responses (system, tool_use, tool_result, thinking)", () => {
    const anthropic = span("00000000000000f0", {
      kind: "llm",
      model: "claude-sonnet-4",
      provider: "anthropic",
      input: {
        system: "Be brief.",
        messages: [
          { role: "user", content: [{ type: "text", text: "Weather in Paris?" }] },
          { role: "assistant", content: [{ type: "tool_use", id: "tu_1", name: "weather", input: { city: "Paris" } }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "tu_1", content: "18°C" }] },
        ],
      },
      output: { role: "assistant", stop_reason: "end_turn", content: [{ type: "thinking", thinking: "easy" }, { type: "text", text: "18°C and sunny." }] },
    });
    const attributes = run([genAiAttributes], anthropic);
    expect(JSON.parse(attributes["gen_ai.system_instructions"] as string)).toEqual([{ type: "text", content: "Be brief." }]);
    expect(JSON.parse(attributes["gen_ai.input.messages"] as string)).toEqual([
      { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
      { role: "assistant", parts: [{ type: "tool_call", id: "tu_1", name: "weather", arguments: { city: "Paris" } }] },
      { role: "user", parts: [{ type: "tool_call_response", id: "tu_1", response: "18°C" }] },
    ]);
    expect(JSON.parse(attributes["gen_ai.output.messages"] as string)).toEqual([
      { role: "assistant", parts: [{ type: "reasoning", content: "easy" }, { type: "text", content: "18°C and sunny." }], finish_reason: "end_turn" },
    ]);
    expect(attributes["gen_ai.response.finish_reasons"]).toEqual(["end_turn"]);
  });

  it("flattens OpenAI tool calls and tool results into OpenInference messages", () => {
    const toolCall = span("00000000000000f1", {
      kind: "llm",
      input: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "18°C" },
      ],
    });
    const attributes = run([openInferenceAttributeMapper()], toolCall);
    expect(attributes).toMatchObject({
      "llm.input_messages.0.message.role": "user",
      "llm.input_messages.0.message.content": "Weather?",
      "llm.input_messages.1.message.role": "assistant",
      "llm.input_messages.1.message.tool_calls.0.tool_call.id": "call_1",
      "llm.input_messages.1.message.tool_calls.0.tool_call.function.name": "weather",
      "llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments": '{"city":"Paris"}',
      "llm.input_messages.2.message.role": "tool",
      "llm.input_messages.2.message.tool_call_id": "call_1",
      "llm.input_messages.2.message.content": "18°C",
    });
  });

  it("normalises plain-text prompts and completions", () => {
    expect(inputMessages("hi")).toEqual([{ role: "user", parts: [{ type: "text", content: "hi" }] }]);
    expect(inputMessages({ prompt: "complete me" })).toEqual([{ role: "user", parts: [{ type: "text", content: "complete me" }] }]);
    expect(outputMessages({ choices: [{ text: "done", finish_reason: "length" }] })).toEqual([
      { role: "assistant", parts: [{ type: "text", content: "done" }], finish_reason: "length" },
    ]);
    expect(inputMessages({ not: "messages" })).toBeUndefined();
    expect(inputMessages([{ role: "user", content: "ok" }, 42])).toBeUndefined();
  });

  it("makes every message with the same keys in the same order, so readers see one object shape", () => {
    const messages = [
      ...(inputMessages("hi") ?? []),
      ...(inputMessages([{ role: "user", name: "ann", content: "ok" }, { role: "tool", tool_call_id: "c1", content: "18°C" }]) ?? []),
      ...(outputMessages("done") ?? []),
      ...(outputMessages({ choices: [{ message: { role: "assistant", content: "a" }, finish_reason: "stop" }, { text: "b" }] }) ?? []),
      ...(outputMessages({ role: "assistant", stop_reason: "end_turn", content: "c" }) ?? []),
    ];
    expect(messages).toHaveLength(7);
    for (const message of messages) expect(Object.keys(message)).toEqual(["role", "parts", "name", "finish_reason"]);
    // Absent fields are undefined, which JSON leaves out.
    expect(JSON.stringify(messages[0])).toBe('{"role":"user","parts":[{"type":"text","content":"hi"}]}');
    expect(messages[1]?.name).toBe("ann");
    expect(messages[4]?.finish_reason).toBe("stop");
  });

  it("maps model parameters by their first listed alias, in a fixed order whatever the given order", () => {
    const generate = span("00000000000000f3", {
      kind: "llm",
      modelParameters: { seed: 1, maxTokens: 100, custom: "x", max_tokens: 200, temperature: 0.5, topP: 0.9 },
    });
    const added: [string, unknown][] = [];
    genAiAttributes(generate, (key, value) => {
      if (key.startsWith("gen_ai.request.") && key !== "gen_ai.request.model") added.push([key, value]);
    });
    expect(added).toEqual([
      ["gen_ai.request.temperature", 0.5],
      ["gen_ai.request.max_tokens", 200],
      ["gen_ai.request.top_p", 0.9],
      ["gen_ai.request.seed", 1],
    ]);
  });

  it("carries no model parameter over from a span whose add threw", () => {
    const first = span("00000000000000f4", { kind: "llm", modelParameters: { temperature: 0.5, max_tokens: 200, seed: 3 } });
    expect(() =>
      genAiAttributes(first, (key) => {
        if (key === "gen_ai.request.temperature") throw new Error("caller's add failed");
      }),
    ).toThrow("caller's add failed");
    const second = span("00000000000000f5", { kind: "llm", modelParameters: { temperature: 0.1 } });
    const keys: string[] = [];
    genAiAttributes(second, (key) => keys.push(key));
    expect(keys.filter((k) => k.startsWith("gen_ai.request.") && k !== "gen_ai.request.model")).toEqual(["gen_ai.request.temperature"]);
  });

  it("carries no model parameter over from parameters whose getter threw, and keeps a call made from inside another apart", () => {
    const requestKeys = (s: ReadonlySpan, onAdd?: (key: string) => void): string[] => {
      const keys: string[] = [];
      genAiAttributes(s, (key) => {
        onAdd?.(key);
        if (key.startsWith("gen_ai.request.") && key !== "gen_ai.request.model") keys.push(key);
      });
      return keys;
    };
    const hostile = span("00000000000000f6", {
      kind: "llm",
      modelParameters: Object.defineProperty({ temperature: 0.5 }, "seed", { enumerable: true, get: () => { throw new Error("getter"); } }),
    });
    expect(() => requestKeys(hostile)).toThrow("getter"); // the encoder catches this per mapper and span
    const plain = span("00000000000000f7", { kind: "llm", modelParameters: { top_p: 0.9 } });
    expect(requestKeys(plain)).toEqual(["gen_ai.request.top_p"]);
    // A caller's add that maps another span while the first is being mapped.
    const outer = span("00000000000000f8", { kind: "llm", modelParameters: { temperature: 0.5, seed: 3 } });
    let inner: string[] = [];
    const outerKeys = requestKeys(outer, (key) => {
      if (key === "gen_ai.request.temperature") inner = requestKeys(plain);
    });
    expect(outerKeys).toEqual(["gen_ai.request.temperature", "gen_ai.request.seed"]);
    expect(inner).toEqual(["gen_ai.request.top_p"]);
  });

  it("reads reranker input and output documents", () => {
    const rerank = span("00000000000000f2", {
      kind: "reranker",
      model: "rerank-v3",
      input: { query: "otlp", documents: [{ id: "a", content: "A" }, { id: "b", content: "B" }] },
      output: [{ id: "b", content: "B", score: 0.9 }],
    });
    expect(run([openInferenceAttributeMapper()], rerank)).toMatchObject({
      "openinference.span.kind": "RERANKER",
      "reranker.model_name": "rerank-v3",
      "reranker.input_documents.0.document.id": "a",
      "reranker.input_documents.1.document.content": "B",
      "reranker.output_documents.0.document.id": "b",
      "reranker.output_documents.0.document.score": 0.9,
    });
  });

  it("never serves a payload changed between two requests from a stale cache", () => {
    const input = { query: "first" };
    const tool = span("00000000000000f4", { kind: "tool", input });
    expect(run(DEFAULT_ATTRIBUTE_MAPPERS, tool)["input.value"]).toBe('{"query":"first"}');
    input.query = "second";
    const attributes = run(DEFAULT_ATTRIBUTE_MAPPERS, tool);
    expect(attributes["input.value"]).toBe('{"query":"second"}');
    expect(attributes["gen_ai.tool.call.arguments"]).toBe('{"query":"second"}');

    // Messages are normalised once per request for both conventions, and afresh in the next one.
    const messages = [{ role: "user", content: "first" }];
    const llm = span("00000000000000f5", { kind: "llm", input: messages });
    expect(run(DEFAULT_ATTRIBUTE_MAPPERS, llm)["llm.input_messages.0.message.content"]).toBe("first");
    (messages[0] as { content: string }).content = "second";
    const again = run(DEFAULT_ATTRIBUTE_MAPPERS, llm);
    expect(again["llm.input_messages.0.message.content"]).toBe("second");
    expect(again["gen_ai.input.messages"]).toBe('[{"role":"user","parts":[{"type":"text","content":"second"}]}]');
  });

  it("passes the span's own attributes through unchanged", () => {
    const s = span("00000000000000f3", { attributes: { "a.string": "x", "a.int": -3, "a.double": 1.25, "a.bools": [true, false], "a.empty": [] } });
    expect(run([spanAttributes], s)).toEqual({ "a.string": "x", "a.int": -3, "a.double": 1.25, "a.bools": [true, false], "a.empty": [] });
  });
});
