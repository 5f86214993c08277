// The pieces of the mapping on their own: usage and cost in Langfuse's keys,
// observation types, and Langfuse's cap on big fields (truncated with a marker,
// on a character boundary, JSON objects kept parseable).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SPAN_KINDS } from "@tracehub/core";
import { langfuseCostDetails, langfuseUsageDetails, observationType } from "../src/index.js";
import { ROOT, span } from "./fixtures.js";
import { createAdapter, otelEndpoint, type RecordedRequest } from "./helpers.js";
import { KEYS } from "./fixtures.js";
import { decodeProtobufSpans } from "./otlp-proto.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("usage details", () => {
  it("keeps plain input/output and adds the total", () => {
    expect(langfuseUsageDetails({ input: 10, output: 5 })).toEqual({ input: 10, output: 5, total: 15 });
    expect(langfuseUsageDetails({ input: 12, total: 12 })).toEqual({ input: 12, total: 12 });
  });

  it("takes audio out of input/output, passes other details through in snake_case, and rounds counts", () => {
    expect(langfuseUsageDetails({ input: 100, output: 50, inputAudio: 30, outputAudio: 10, webSearchRequests: 2 })).toEqual({
      input: 70,
      input_audio_tokens: 30,
      output: 40,
      output_audio_tokens: 10,
      web_search_requests: 2,
      total: 150,
    });
    expect(langfuseUsageDetails({ input: 10.6, output: 2.2 })).toEqual({ input: 11, output: 2, total: 13 });
  });

  it("never lets a detail exceed what it is part of", () => {
    expect(langfuseUsageDetails({ input: 100, cacheRead: 150, output: 10 })).toEqual({ input: 0, input_cached_tokens: 100, output: 10, total: 110 });
  });

  it("maps costs to the same keys, total explicit", () => {
    expect(langfuseCostDetails({ total: 0.5 })).toEqual({ total: 0.5 });
    expect(langfuseCostDetails({ input: 1, output: 2 })).toEqual({ input: 1, output: 2, total: 3 });
    expect(langfuseUsageDetails(undefined)).toBeUndefined();
    expect(langfuseCostDetails({})).toBeUndefined();
  });
});

describe("observation types", () => {
  it("has a Langfuse type for every tracehub kind", () => {
    expect(Object.fromEntries(SPAN_KINDS.map((k) => [k, observationType(k)]))).toEqual({
      span: "span",
      llm: "generation",
      embedding: "embedding",
      retriever: "retriever",
      reranker: "retriever",
      tool: "tool",
      agent: "agent",
      chain: "chain",
      guardrail: "guardrail",
      evaluator: "evaluator",
      event: "event",
    });
  });
});

describe("large payloads", () => {
  async function exported(spanOver: Parameters<typeof span>[1], options?: unknown) {
    const requests: RecordedRequest[] = [];
    server.use(otelEndpoint(requests));
    const adapter = await createAdapter(KEYS, options);
    await adapter.export({ spans: [span("0000000000000500", spanOver)], scores: [] });
    return decodeProtobufSpans((requests[0] as RecordedRequest).body)[0]?.attributes ?? {};
  }

  it("cuts input and output over the default 1 MiB cap with a marker, the trace's copies too", async () => {
    const attributes = await exported({ input: "x".repeat(1_500_000), output: { text: "y".repeat(1_200_000) } });
    for (const key of ["langfuse.observation.input", "langfuse.trace.input", "langfuse.observation.output", "langfuse.trace.output"]) {
      const value = attributes[key] as string;
      expect(Buffer.byteLength(value)).toBeLessThanOrEqual(1024 * 1024);
      expect(value).toMatch(/…\[truncated by tracehub: \d+ bytes, limit 1048576\]$/);
    }
    expect((attributes["langfuse.observation.input"] as string).startsWith("xxxx")).toBe(true);
    expect((attributes["langfuse.observation.output"] as string).startsWith('{"text":"yyy')).toBe(true);
  });

  it("uses the configured cap, never splits a character, and keeps metadata a JSON object", async () => {
    const emoji = "😀".repeat(2000); // 8000 bytes
    const attributes = await exported(
      { input: emoji, context: { ...ROOT.context, metadata: { notes: "z".repeat(10_000) } } },
      { maxFieldBytes: 2048 },
    );
    const input = attributes["langfuse.observation.input"] as string;
    expect(Buffer.byteLength(input)).toBeLessThanOrEqual(2048);
    expect(input).toMatch(/^(😀)+…\[truncated by tracehub: 8000 bytes, limit 2048\]$/);
    const metadata = JSON.parse(attributes["langfuse.trace.metadata"] as string) as { truncated: string; preview: string };
    expect(Buffer.byteLength(attributes["langfuse.trace.metadata"] as string)).toBeLessThanOrEqual(2048);
    expect(metadata.truncated).toBe("…[truncated by tracehub: 10012 bytes, limit 2048]");
    expect(metadata.preview.startsWith('{"notes":"zzz')).toBe(true);
  });

  it("leaves fields under the cap exactly as they were", async () => {
    const attributes = await exported({ input: "short", output: { a: [1, 2, 3] } });
    expect(attributes["langfuse.observation.input"]).toBe("short");
    expect(attributes["langfuse.observation.output"]).toBe('{"a":[1,2,3]}');
  });
});
