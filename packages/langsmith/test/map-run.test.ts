import { describe, expect, it } from "vitest";
import { SPAN_KINDS, type SpanKind } from "@tracehub/core";
import { SpanLineage, runTypeFor, toLangSmithRun } from "../src/index.js";
import { span, T0 } from "./helpers.js";

const settings = { project: "rag-prod", hideInputs: false, hideOutputs: false };

function map(record: ReturnType<typeof span>, over: Partial<typeof settings> = {}) {
  const lineage = new SpanLineage();
  return toLangSmithRun(record, lineage.resolve(record), { ...settings, ...over });
}

describe("span → LangSmith run", () => {
  it("gives every tracehub kind a LangSmith run_type", () => {
    const expected: Record<SpanKind, string> = {
      llm: "llm",
      embedding: "embedding",
      retriever: "retriever",
      reranker: "retriever",
      tool: "tool",
      agent: "chain",
      chain: "chain",
      span: "chain",
      guardrail: "chain",
      evaluator: "chain",
      event: "chain",
    };
    for (const kind of SPAN_KINDS) expect([kind, runTypeFor(kind)]).toEqual([kind, expected[kind]]);
    expect(map(span("00000000000000a1", { kind: "guardrail" })).extra.metadata.tracehub_kind).toBe("guardrail");
  });

  it("maps an LLM generation: times, model metadata, usage with details and costs, first token, tags, thread", () => {
    const run = map(
      span("00000000000000a1", {
        name: "generate",
        kind: "llm",
        startTime: T0 + 0.25,
        endTime: T0 + 1500.5,
        completionStartTime: T0 + 420,
        model: "gpt-4o",
        provider: "openai",
        modelParameters: { temperature: 0.2, max_tokens: 256, stop: "\n\n" },
        input: [{ role: "user", content: "hi" }],
        output: "hello",
        usage: { input: 812, output: 95, total: 907, cacheRead: 512, cacheWrite: 100, reasoning: 40 },
        cost: { input: 0.002, output: 0.001, cacheRead: 0.0005 },
        attributes: { "app.route": "/ask" },
        events: [{ name: "retry", time: T0 + 10, attributes: { attempt: 1 } }],
        context: {
          userId: "u-42",
          sessionId: "s-7",
          tags: ["prod"],
          metadata: { team: "search" },
          environment: "production",
          release: "1.4.2",
          serviceName: "api",
        },
      }),
    );
    const usage = {
      input_tokens: 812,
      output_tokens: 95,
      total_tokens: 907,
      input_token_details: { cache_read: 512, cache_creation: 100 },
      output_token_details: { reasoning: 40 },
      input_cost: 0.002,
      output_cost: 0.001,
      total_cost: 0.003,
      input_cost_details: { cache_read: 0.0005 },
    };
    expect(run).toEqual({
      id: run.id,
      trace_id: run.id,
      dotted_order: `20231114T221320000250Z${run.id}`,
      name: "generate",
      run_type: "llm",
      start_time: "2023-11-14T22:13:20.000250Z",
      end_time: "2023-11-14T22:13:21.500500Z",
      inputs: { messages: [{ role: "user", content: "hi" }] },
      outputs: { output: "hello", usage_metadata: usage },
      extra: {
        metadata: {
          "app.route": "/ask",
          team: "search",
          session_id: "s-7",
          user_id: "u-42",
          environment: "production",
          revision_id: "1.4.2",
          service_name: "api",
          tracehub_kind: "llm",
          otel_trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
          otel_span_id: "00000000000000a1",
          ls_provider: "openai",
          ls_model_name: "gpt-4o",
          ls_model_type: "chat",
          ls_temperature: 0.2,
          ls_max_tokens: 256,
          ls_stop: ["\n\n"],
          ls_invocation_params: { temperature: 0.2, max_tokens: 256, stop: "\n\n" },
          usage_metadata: usage,
        },
        runtime: { sdk: "tracehub", library: "tracehub", runtime: "nodejs" },
      },
      events: [
        { name: "new_token", time: "2023-11-14T22:13:20.420000Z" },
        { name: "retry", time: "2023-11-14T22:13:20.010000Z", kwargs: { attempt: 1 } },
      ],
      tags: ["prod"],
      session_name: "rag-prod",
    });
  });

  it("keeps object inputs and outputs, wraps other values, and puts retrieved documents under `documents`", () => {
    expect(map(span("00000000000000a1", { input: { q: "x" }, output: { a: 1 } }))).toMatchObject({ inputs: { q: "x" }, outputs: { a: 1 } });
    expect(map(span("00000000000000a1", { input: "x", output: 3 }))).toMatchObject({ inputs: { input: "x" }, outputs: { output: 3 } });
    expect(map(span("00000000000000a1", { input: [1, 2], output: false }))).toMatchObject({ inputs: { input: [1, 2] }, outputs: { output: false } });
    const docs = [{ page_content: "a", metadata: {} }];
    expect(map(span("00000000000000a1", { kind: "retriever", output: docs })).outputs).toEqual({ documents: docs });
    const bare = map(span("00000000000000a1"));
    expect(bare.inputs).toEqual({});
    expect(bare).not.toHaveProperty("outputs");
    expect(bare).not.toHaveProperty("error");
    expect(bare).not.toHaveProperty("events");
    expect(bare).not.toHaveProperty("tags");
    expect(bare).not.toHaveProperty("parent_run_id");
  });

  it("writes the error as text with its type and stack", () => {
    const error = { type: "RateLimitError", message: "slow down", category: "rate_limit" as const };
    expect(map(span("00000000000000a1", { status: "error", error })).error).toBe("RateLimitError: slow down");
    const stack = "RateLimitError: slow down\n    at call (client.ts:10:5)";
    expect(map(span("00000000000000a1", { status: "error", error: { ...error, stack } })).error).toBe(stack);
    expect(map(span("00000000000000a1", { status: "error", error: { ...error, stack: "    at x (y.ts:1:1)" } })).error).toBe(
      "RateLimitError: slow down\n    at x (y.ts:1:1)",
    );
    expect(map(span("00000000000000a1", { status: "error", statusMessage: "guardrail tripped" })).error).toBe("guardrail tripped");
  });

  it("hides inputs and outputs when asked, keeping token usage", () => {
    const run = map(span("00000000000000a1", { kind: "llm", input: { secret: 1 }, output: { secret: 2 }, usage: { input: 3, output: 4 } }), {
      hideInputs: true,
      hideOutputs: true,
    });
    expect(run.inputs).toEqual({});
    expect(run.outputs).toEqual({ usage_metadata: { input_tokens: 3, output_tokens: 4, total_tokens: 7 } });
  });

  it("never mutates the span's output object", () => {
    const output = { answer: "x" };
    map(span("00000000000000a1", { output, usage: { input: 1, output: 1 } }));
    expect(output).toEqual({ answer: "x" });
  });
});

describe("metadata keys copied from the caller", () => {
  it("keeps an own __proto__ key as data, as a spread would", () => {
    const metadata = JSON.parse('{"__proto__": {"polluted": true}, "tenant": "acme"}') as Record<string, unknown>;
    const lineage = new SpanLineage();
    const record = span("00000000000000a0", { context: { metadata } });
    const run = toLangSmithRun(record, lineage.resolve(record), { project: "p", hideInputs: false, hideOutputs: false });
    expect(Object.getPrototypeOf(run.extra.metadata)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(run.extra.metadata))).toMatchObject({ tenant: "acme", ["__proto__"]: { polluted: true } });
    expect((run.extra.metadata as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
