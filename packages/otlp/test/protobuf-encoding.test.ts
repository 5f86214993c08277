// The protobuf request, decoded with the official OTLP definitions, field by
// field: resource, scope, ids, parent, flags, kind, times, status, events,
// links, and the GenAI + OpenInference + tracehub attributes of every span.
import { describe, expect, it } from "vitest";
import { encodeTraceRequest, evaluationSpanId } from "../src/index.js";
import {
  AGENT,
  EMBED,
  GENERATE,
  HELPFUL,
  LINKED_TRACE_ID,
  nanos,
  RAG_SPANS,
  RELEVANCE,
  RETRIEVE,
  ROOT,
  SEARCH,
  TRACE_ID,
  VERDICT,
} from "./fixtures.js";
import { attributeMap, decodedSpans, decodeRequest, spanFlags } from "./otlp-proto.js";

const CLIENT = 3;
const INTERNAL = 1;
const CONTEXT_ATTRIBUTES = {
  "gen_ai.conversation.id": "s-7",
  "session.id": "s-7",
  "user.id": "u-42",
  "tag.tags": ["prod", "beta"],
  metadata: '{"tenant":"acme","plan":"pro"}',
  "tracehub.trace.name": "rag-query",
};

const encoded = encodeTraceRequest({ spans: RAG_SPANS, scores: [RELEVANCE, HELPFUL, VERDICT] }, { resource: { "host.name": "box-1" } });
const request = decodeRequest(encoded.body);
const all = decodedSpans(request);
const find = (spanId: string) => {
  const found = all.find((s) => s.span.spanId === spanId);
  if (found === undefined) throw new Error(`span ${spanId} not in the request`);
  return found;
};

describe("protobuf encoding, decoded with the official definitions", () => {
  it("groups spans by resource and writes the resource and scope", () => {
    expect(encoded.spanCount).toBe(RAG_SPANS.length + 2);
    expect(encoded.invalid).toEqual([]);
    expect(request.resourceSpans).toHaveLength(2);
    const [main, staging] = request.resourceSpans;
    const sdk = { "telemetry.sdk.name": "tracehub", "telemetry.sdk.language": "nodejs", "telemetry.sdk.version": "0.1.0", "host.name": "box-1" };
    expect(attributeMap(main.resource.attributes)).toEqual({
      ...sdk,
      "service.name": "rag-api",
      "service.version": "1.4.2",
      "deployment.environment.name": "production",
    });
    expect(attributeMap(staging.resource.attributes)).toEqual({
      ...sdk,
      "service.name": "rag-api",
      "service.version": "1.4.2",
      "deployment.environment.name": "staging",
    });
    for (const rs of request.resourceSpans) {
      expect(rs.scopeSpans).toHaveLength(1);
      expect(rs.scopeSpans[0].scope).toEqual({ name: "tracehub", version: "0.1.0", attributes: [] });
    }
    // Batch order is kept within a resource; lone scores ride in the first one.
    expect(main.scopeSpans[0].spans.map((s: any) => s.name)).toEqual([
      "embed-query",
      "web_search",
      "retrieve",
      "generate",
      "rag-query",
      "evaluation helpfulness",
      "evaluation verdict",
    ]);
    expect(staging.scopeSpans[0].spans.map((s: any) => s.spanId)).toEqual([AGENT.spanId]);
  });

  it("writes ids, parents, flags, kinds and nanosecond times", () => {
    for (const record of RAG_SPANS) {
      const { span } = find(record.spanId);
      expect(span.traceId).toBe(TRACE_ID);
      expect(span.parentSpanId ?? undefined).toBe(record.parentSpanId);
      expect(span.name).toBe(record.name);
      expect(span.kind).toBe(record.kind === "llm" || record.kind === "embedding" ? CLIENT : INTERNAL);
      expect(span.startTimeUnixNano).toBe(nanos(record.startTime));
      expect(span.endTimeUnixNano).toBe(nanos(record.endTime));
    }
    expect(find(ROOT.spanId).span.startTimeUnixNano).toBe("1700000000000250000");
    expect(find(GENERATE.spanId).span.endTimeUnixNano).toBe("1700000001480375000");
    // Span.flags (field 16): sampled, parent remoteness known, and remote only for the root whose parent came from traceparent.
    const flags = spanFlags(encoded.body);
    const order = all.map((s) => s.span.spanId);
    expect(flags).toHaveLength(order.length);
    expect(flags[order.indexOf(ROOT.spanId)]).toBe(0x301);
    expect(flags.filter((f) => f === 0x101)).toHaveLength(order.length - 1);
  });

  it("maps status, errors and the exception event", () => {
    expect(find(ROOT.spanId).span.status).toEqual({ code: 1 });
    expect(find(AGENT.spanId).span.status).toEqual({});
    const search = find(SEARCH.spanId).span;
    expect(search.status).toEqual({ code: 2, message: "search timed out" });
    expect(search.events).toEqual([
      {
        name: "exception",
        timeUnixNano: nanos(SEARCH.endTime),
        attributes: expect.any(Array),
      },
    ]);
    expect(attributeMap(search.events[0].attributes)).toEqual({
      "exception.type": "TimeoutError",
      "exception.message": "search timed out",
      "exception.stacktrace": "TimeoutError: search timed out\n    at search (s.js:1:1)",
    });
  });

  it("writes events, the evaluation event of a score, and valid links only", () => {
    const generate = find(GENERATE.spanId).span;
    expect(generate.events.map((e: any) => [e.name, e.timeUnixNano])).toEqual([
      ["first_token", nanos(GENERATE.startTime + 200)],
      ["gen_ai.evaluation.result", nanos(RELEVANCE.time)],
    ]);
    expect(attributeMap(generate.events[0].attributes)).toEqual({ "chunk.index": 0 });
    expect(attributeMap(generate.events[1].attributes)).toEqual({
      "gen_ai.evaluation.name": "relevance",
      "gen_ai.evaluation.score.value": 0.82,
      "gen_ai.evaluation.explanation": "grounded",
      "tracehub.score.id": "score-1",
      "tracehub.score.data_type": "numeric",
      "tracehub.score.source": "evaluator",
    });
    expect(generate.links).toHaveLength(1);
    expect(generate.links[0].traceId).toBe(LINKED_TRACE_ID);
    expect(generate.links[0].spanId).toBe("00f067aa0ba902b7");
    expect(attributeMap(generate.links[0].attributes)).toEqual({ "link.kind": "retry-of" });
  });

  it("maps an LLM span to GenAI and OpenInference attributes, user attributes first", () => {
    const attributes = attributeMap(find(GENERATE.spanId).span.attributes);
    expect(attributes).toEqual({
      // the span's own attributes win over derived ones
      "gen_ai.request.model": "user-override",
      "app.cached": false,
      "app.scores": [1, 2.5],
      // GenAI semantic conventions
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.system": "openai",
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.max_tokens": 256,
      "gen_ai.request.top_p": 0.9,
      "gen_ai.request.stop_sequences": ["\n\n"],
      "gen_ai.request.seed": 7,
      "gen_ai.request.stream": true,
      "gen_ai.response.id": "chatcmpl-123",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 812,
      "gen_ai.usage.output_tokens": 95,
      "gen_ai.usage.cache_read.input_tokens": 512,
      "gen_ai.usage.cache_creation.input_tokens": 100,
      "gen_ai.usage.reasoning.output_tokens": 20,
      "gen_ai.input.messages": JSON.stringify([
        { role: "system", parts: [{ type: "text", content: "Answer from the documents." }] },
        { role: "user", parts: [{ type: "text", content: "What is OTLP?" }] },
      ]),
      "gen_ai.output.messages": JSON.stringify([
        { role: "assistant", parts: [{ type: "text", content: "The OpenTelemetry protocol." }], finish_reason: "stop" },
      ]),
      // OpenInference
      "openinference.span.kind": "LLM",
      "llm.model_name": "gpt-4o",
      "llm.provider": "openai",
      "llm.system": "openai",
      "llm.invocation_parameters": JSON.stringify(GENERATE.modelParameters),
      "llm.token_count.prompt": 812,
      "llm.token_count.completion": 95,
      "llm.token_count.total": 907,
      "llm.token_count.prompt_details.cache_read": 512,
      "llm.token_count.prompt_details.cache_write": 100,
      "llm.token_count.completion_details.reasoning": 20,
      "llm.cost.prompt": 0.002,
      "llm.cost.completion": 0.0011,
      "llm.cost.total": 0.0031,
      "llm.prompt_template.template": "Answer: {{question}}",
      "llm.prompt_template.version": "3",
      "llm.prompt_template.variables": '{"question":"What is OTLP?"}',
      "input.value": JSON.stringify(GENERATE.input),
      "input.mime_type": "application/json",
      "output.value": JSON.stringify(GENERATE.output),
      "output.mime_type": "application/json",
      "llm.input_messages.0.message.role": "system",
      "llm.input_messages.0.message.content": "Answer from the documents.",
      "llm.input_messages.1.message.role": "user",
      "llm.input_messages.1.message.content": "What is OTLP?",
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.content": "The OpenTelemetry protocol.",
      // tracehub extras
      "tracehub.span.kind": "llm",
      "tracehub.time_to_first_token_ms": 200,
      "tracehub.retry_count": 1,
      "tracehub.timeout_ms": 30000,
      "tracehub.prompt.name": "rag-answer",
      "tracehub.rate_limit.requests.limit": 500,
      "tracehub.rate_limit.requests.remaining": 499,
      "tracehub.rate_limit.requests.reset_at": "2023-11-14T22:14:00.000Z",
      ...CONTEXT_ATTRIBUTES,
    });
  });

  it("maps an embedding span (CLIENT) with its usage and cost", () => {
    expect(attributeMap(find(EMBED.spanId).span.attributes)).toEqual({
      "gen_ai.operation.name": "embeddings",
      "gen_ai.provider.name": "openai",
      "gen_ai.system": "openai",
      "gen_ai.request.model": "text-embedding-3-small",
      "gen_ai.response.model": "text-embedding-3-small",
      "gen_ai.usage.input_tokens": 12,
      "openinference.span.kind": "EMBEDDING",
      "embedding.model_name": "text-embedding-3-small",
      "llm.provider": "openai",
      "llm.system": "openai",
      "llm.token_count.prompt": 12,
      "llm.token_count.total": 12,
      "llm.cost.total": 0.00000024,
      "tracehub.span.kind": "embedding",
      ...CONTEXT_ATTRIBUTES,
    });
  });

  it("maps a retriever span with its retrieval documents", () => {
    expect(attributeMap(find(RETRIEVE.spanId).span.attributes)).toEqual({
      "gen_ai.operation.name": "retrieval",
      "openinference.span.kind": "RETRIEVER",
      "input.value": "what is otlp",
      "input.mime_type": "text/plain",
      "output.value": JSON.stringify(RETRIEVE.output),
      "output.mime_type": "application/json",
      "retrieval.documents.0.document.id": "doc-1",
      "retrieval.documents.0.document.content": "OTLP is the OpenTelemetry protocol.",
      "retrieval.documents.0.document.score": 0.91,
      "retrieval.documents.0.document.metadata": '{"source":"spec.md"}',
      "retrieval.documents.1.document.id": "7",
      "retrieval.documents.1.document.content": "It runs over gRPC or HTTP.",
      "retrieval.documents.1.document.score": 0.5,
      "retrieval.documents.2.document.content": "a bare string document",
      "tracehub.span.kind": "retriever",
      ...CONTEXT_ATTRIBUTES,
    });
  });

  it("maps a failed tool span with error.type and its arguments", () => {
    expect(attributeMap(find(SEARCH.spanId).span.attributes)).toEqual({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "web_search",
      "gen_ai.tool.call.arguments": '{"query":"otlp"}',
      "error.type": "TimeoutError",
      "openinference.span.kind": "TOOL",
      "input.value": '{"query":"otlp"}',
      "input.mime_type": "application/json",
      "tracehub.span.kind": "tool",
      ...CONTEXT_ATTRIBUTES,
    });
  });

  it("maps agent and chain spans", () => {
    expect(attributeMap(find(AGENT.spanId).span.attributes)).toMatchObject({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "planner",
      "openinference.span.kind": "AGENT",
    });
    expect(attributeMap(find(ROOT.spanId).span.attributes)).toEqual({
      "app.route": "/ask",
      "http.status_code": 200,
      "openinference.span.kind": "CHAIN",
      "input.value": '{"question":"What is OTLP?"}',
      "input.mime_type": "application/json",
      "output.value": "A protocol.",
      "output.mime_type": "text/plain",
      "tracehub.span.kind": "chain",
      ...CONTEXT_ATTRIBUTES,
    });
  });

  it("writes a score whose span is not in the batch as an evaluation span under that span", () => {
    const { span } = find(evaluationSpanId(HELPFUL.id));
    expect(span).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: HELPFUL.spanId,
      name: "evaluation helpfulness",
      kind: INTERNAL,
      startTimeUnixNano: nanos(HELPFUL.time),
      endTimeUnixNano: nanos(HELPFUL.time),
      status: {},
    });
    const evaluation = {
      "gen_ai.evaluation.name": "helpfulness",
      "gen_ai.evaluation.score.value": 1,
      "gen_ai.evaluation.score.label": "true",
      "tracehub.score.id": "score-2",
      "tracehub.score.data_type": "boolean",
      "tracehub.score.source": "user",
    };
    expect(attributeMap(span.attributes)).toEqual({ ...evaluation, "openinference.span.kind": "EVALUATOR" });
    expect(span.events).toHaveLength(1);
    expect(span.events[0].name).toBe("gen_ai.evaluation.result");
    expect(attributeMap(span.events[0].attributes)).toEqual(evaluation);

    const verdict = find(evaluationSpanId(VERDICT.id)).span;
    expect(verdict.parentSpanId).toBeUndefined();
    expect(attributeMap(verdict.events[0].attributes)).toMatchObject({
      "gen_ai.evaluation.name": "verdict",
      "gen_ai.evaluation.score.label": "correct",
    });
    expect(attributeMap(verdict.events[0].attributes)).not.toHaveProperty("gen_ai.evaluation.score.value");
    // Stable across retries: the backend deduplicates the evaluation span.
    expect(evaluationSpanId(HELPFUL.id)).toBe(evaluationSpanId("score-2"));
    expect(evaluationSpanId(HELPFUL.id)).toMatch(/^[0-9a-f]{16}$/);
    expect(evaluationSpanId("score-3")).not.toBe(evaluationSpanId("score-2"));
  });

  it("leaves out spans and scores with invalid ids and reports them", () => {
    const bad = { ...ROOT, spanId: "xyz" };
    const badScore = { ...VERDICT, id: "score-bad", traceId: "0".repeat(32) };
    const result = encodeTraceRequest({ spans: [bad, EMBED], scores: [badScore] });
    expect(result.spanCount).toBe(1);
    expect(result.invalid.map((r) => [r.id, r.retryable])).toEqual([
      ["xyz", false],
      ["score-bad", false],
    ]);
    expect(decodedSpans(decodeRequest(result.body)).map((s) => s.span.spanId)).toEqual([EMBED.spanId]);
  });

  it("encodes an empty batch as an empty request", () => {
    const result = encodeTraceRequest({ spans: [] });
    expect(result.spanCount).toBe(0);
    expect(decodeRequest(result.body)).toEqual({ resourceSpans: [] });
  });
});
