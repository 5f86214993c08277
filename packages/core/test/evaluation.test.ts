// Span evaluators: scores reaching adapters, selection by kind and name, async
// judges, isolation of throwing and hanging evaluators, the backlog bound, and
// the opt-in built-ins.
import { describe, expect, it } from "vitest";
import { ConfigError, createHub, type SpanEvaluator } from "../src/index.js";
import { recordingLogger } from "./config-helpers.js";
import { memoryHub, sleep } from "./helpers.js";

const byName = (scores: readonly { name: string; value: unknown }[]): Record<string, unknown> =>
  Object.fromEntries(scores.map((s) => [s.name, s.value]));

describe("user evaluators", () => {
  it("turn results into evaluator scores that reach the in-memory adapter", async () => {
    const lengthCheck: SpanEvaluator = {
      name: "answer_length",
      kinds: ["llm"],
      evaluate: (span) => String(span.output).length,
    };
    const judge: SpanEvaluator = {
      name: "judge",
      spanNames: [/^gen/],
      async evaluate(span, { signal }) {
        await sleep(5); // stands in for an LLM call that would get `signal`
        expect(signal.aborted).toBe(false);
        return [
          { name: "helpful", value: true, comment: `judged ${span.name}` },
          { name: "tone", value: "neutral", metadata: { judgeModel: "gpt-4o-mini" } },
        ];
      },
    };
    const { hub, memory } = await memoryHub({ evaluators: [lengthCheck, judge] });
    await hub.trace("t", async () => {
      await hub.span("generate", { kind: "llm" }, (s) => s.setOutput("four"));
      await hub.span("fetch", { kind: "tool" }, (s) => s.setOutput("not judged"));
    });
    expect(await hub.flush()).toBe(true);

    const generate = memory.find("generate")!;
    expect(memory.scores).toHaveLength(3);
    for (const score of memory.scores) {
      expect(score.source).toBe("evaluator");
      expect(score.traceId).toBe(generate.traceId);
      expect(score.spanId).toBe(generate.spanId);
    }
    expect(byName(memory.scores)).toEqual({ answer_length: 4, helpful: true, tone: "neutral" });
    const tone = memory.scores.find((s) => s.name === "tone")!;
    expect(tone.dataType).toBe("categorical");
    expect(tone.metadata).toEqual({ judgeModel: "gpt-4o-mini", evaluator: "judge" });
    expect(memory.scores.find((s) => s.name === "helpful")!.comment).toBe("judged generate");
    expect(hub.stats().evaluation).toMatchObject({ succeeded: 2, failed: 0, timedOut: 0, scores: 3, pending: 0 });
  });

  it("isolates a throwing and a hanging evaluator: spans and other scores still arrive, errors are counted", async () => {
    const log = recordingLogger();
    let abortedBy: unknown;
    const throwing: SpanEvaluator = {
      name: "throws",
      evaluate: () => {
        throw new Error("judge exploded");
      },
    };
    const rejecting: SpanEvaluator = { name: "rejects", evaluate: async () => Promise.reject(new TypeError("bad json")) };
    const hanging: SpanEvaluator = {
      name: "hangs",
      timeoutMs: 30,
      evaluate: (_span, { signal }) =>
        new Promise(() => {
          signal.addEventListener("abort", () => (abortedBy = signal.reason));
        }),
    };
    const fine: SpanEvaluator = { name: "fine", evaluate: () => 1 };
    const { hub, memory } = await memoryHub({ log, evaluators: [throwing, rejecting, hanging, fine] });

    await hub.span("a", () => "x");
    await hub.span("b", () => "y");
    expect(await hub.flush(2_000)).toBe(true);

    expect(memory.spans.map((s) => s.name).sort()).toEqual(["a", "b"]);
    expect(memory.scores.map((s) => s.name)).toEqual(["fine", "fine"]);
    expect(hub.stats().evaluation).toEqual({ succeeded: 2, failed: 4, timedOut: 2, skipped: 0, scores: 2, pending: 0 });
    expect(hub.stats().droppedBeforeDelivery).toBe(0);
    expect(String(abortedBy)).toContain('evaluator "hangs" timed out after 30 ms');
    // One warning per failing evaluator, repeats as debug notes.
    expect(log.warns).toHaveLength(3);
    expect(log.warns.join("\n")).toContain('evaluator "throws" threw: Error: judge exploded');
    expect(log.warns.join("\n")).toContain('evaluator "rejects" threw: TypeError: bad json');
    expect(log.warns.join("\n")).toContain('evaluator "hangs" timed out after 30 ms');
  });

  it("delivers spans while a slow evaluator is still running", async () => {
    const slow: SpanEvaluator = { name: "slow", timeoutMs: 5_000, evaluate: () => sleep(300).then(() => 1) };
    const { hub, memory } = await memoryHub({ evaluators: [slow] });
    await hub.span("a", () => "x");
    await memory.waitForSpans(1); // the span is out long before its score
    expect(memory.scores).toHaveLength(0);
    expect(hub.stats().evaluation.pending).toBe(1);
    expect(await hub.flush(2_000)).toBe(true);
    expect(memory.scores.map((s) => s.name)).toEqual(["slow"]);
  });

  it("counts unusable results as failures and skips calls past the backlog bound", async () => {
    const log = recordingLogger();
    const odd: SpanEvaluator = { name: "odd", evaluate: () => ({ nope: 1 }) as never };
    const nan: SpanEvaluator = { name: "nan", evaluate: () => Number.NaN };
    const slow: SpanEvaluator = { name: "slow", evaluate: () => sleep(20).then(() => 1) };
    const { hub, memory } = await memoryHub({
      log,
      evaluators: [odd, nan, slow],
      evaluation: { concurrency: 1, maxPending: 3 },
    });
    for (let i = 0; i < 3; i++) hub.startSpan(`s${i}`).end();
    await hub.flush(2_000);
    // The first span's three calls fill the backlog; the other six are skipped.
    expect(hub.stats().evaluation).toEqual({ succeeded: 1, failed: 2, timedOut: 0, skipped: 6, scores: 1, pending: 0 });
    expect(memory.spans).toHaveLength(3);
    expect(memory.scores.map((s) => s.name)).toEqual(["slow"]);
    expect(log.warns.join("\n")).toContain('evaluator "odd" returned something that is not a score value or result');
    expect(log.warns.join("\n")).toContain("score ignored: value NaN is not numeric");
  });

  it("rejects evaluators that are not evaluators at config time", async () => {
    const error = await createHub({
      env: {},
      registerShutdownHooks: false,
      evaluators: [{ name: "x" } as never],
      evaluation: { timeoutMs: 0 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain("options.evaluators[0]");
    expect(message).toContain("an evaluator (an object with a name and an evaluate method)");
    expect(message).toContain("options.evaluation.timeoutMs");
  });
});

describe("built-in evaluators", () => {
  it("are off by default", async () => {
    const { hub, memory } = await memoryHub();
    await hub.span("generate", { kind: "llm", model: "gpt-4o" }, (s) => s.setUsage({ input: 10, output: 10 }));
    await hub.flush();
    expect(memory.scores).toEqual([]);
  });

  it("measure llm, retriever, embedding and tool spans", async () => {
    const { hub, memory } = await memoryHub({ builtinEvaluators: true });
    const t0 = Date.now();
    const llm = hub.startSpan("generate", { kind: "llm", model: "gpt-4o-mini", startTime: t0 });
    llm.setUsage({ input: 1_500, output: 500, total: 2_000 });
    llm.markFirstToken(t0 + 200);
    llm.end(t0 + 1_000);

    const retriever = hub.startSpan("retrieve", { kind: "retriever" });
    retriever.setOutput({ documents: [{ pageContent: "a", metadata: { score: 0.9 } }, { text: "b", relevance_score: 0.5 }, { text: "c" }] });
    retriever.end();

    const embedding = hub.startSpan("embed", { kind: "embedding", model: "text-embedding-3-small", input: ["one", "two"] });
    embedding.setOutput({ data: [{ embedding: new Array(1536).fill(0.1) }, { embedding: new Array(1536).fill(0.2) }] });
    embedding.setUsage({ input: 1_000_000 });
    embedding.end();

    const tool = hub.startSpan("search", { kind: "tool" });
    tool.recordError(new Error("404 from the search API"));
    tool.end();
    await hub.flush();

    const scoresOf = (name: string) => byName(memory.scores.filter((s) => s.spanId === memory.find(name)!.spanId));
    const generate = scoresOf("generate");
    expect(generate.latency_ms).toBe(1_000);
    expect(generate.time_to_first_token_ms).toBe(200);
    expect(generate.tokens_per_second).toBeCloseTo(500, 9);
    expect(generate.cost_per_1k_tokens).toBeCloseTo(((1_500 * 0.15e-6 + 500 * 0.6e-6) / 2_000) * 1_000, 12);
    expect(scoresOf("retrieve")).toEqual({ result_count: 3, relevance_mean: 0.7, relevance_min: 0.5 });
    // 1536 floats stay whole; the cost is split over the two vectors.
    expect(scoresOf("embed")).toEqual({ embedding_dimension: 1536, cost_per_item: expect.closeTo(0.01, 12) });
    expect(scoresOf("search")).toEqual({ success: false });
    expect(memory.scores.every((s) => s.source === "evaluator")).toBe(true);
  });

  it("read lengths through truncation and LangChain [document, score] pairs", async () => {
    const { hub, memory } = await memoryHub({ builtinEvaluators: ["retriever", "embedding"], maxFieldBytes: 100_000 });
    await hub.span("vectors", { kind: "embedding" }, (s) => s.setOutput(new Array(3072).fill(0.5)));
    await hub.span("pairs", { kind: "retriever" }, (s) =>
      s.setOutput([
        [{ pageContent: "a" }, 0.8],
        [{ pageContent: "b" }, 0.2],
      ]),
    );
    await hub.span("ignored", { kind: "llm" }, (s) => s.setOutput("not measured: llm is not enabled"));
    await hub.flush();
    // The output array was cut to 1000 items by the safe-value limits; its note keeps the real length.
    expect((memory.find("vectors")!.output as unknown[]).length).toBeLessThan(3072);
    expect(byName(memory.scores.filter((s) => s.spanId === memory.find("vectors")!.spanId))).toEqual({ embedding_dimension: 3072 });
    expect(byName(memory.scores.filter((s) => s.spanId === memory.find("pairs")!.spanId))).toEqual({
      result_count: 2,
      relevance_mean: 0.5,
      relevance_min: 0.2,
    });
    expect(memory.scores.some((s) => s.spanId === memory.find("ignored")!.spanId)).toBe(false);
  });

  it("can be enabled by kind from TRACEHUB_BUILTIN_EVALUATORS, and a bad value is a config problem", async () => {
    const { hub, memory } = await memoryHub({ env: { TRACEHUB_BUILTIN_EVALUATORS: "tool" } });
    await hub.span("ok-tool", { kind: "tool" }, () => 1);
    await hub.span("gen", { kind: "llm" }, () => 1);
    await hub.flush();
    expect(memory.scores.map((s) => [s.name, s.value])).toEqual([["success", true]]);

    const error = await createHub({ env: { TRACEHUB_BUILTIN_EVALUATORS: "llm,bogus" }, registerShutdownHooks: false }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain("TRACEHUB_BUILTIN_EVALUATORS");
  });
});

describe("scores from the API", () => {
  it("carry numeric, categorical and boolean values with comment and source", async () => {
    const { hub, memory } = await memoryHub();
    await hub.trace("t", () => {
      hub.scoreCurrentSpan({ name: "relevance", value: 0.82, comment: "close", source: "api" });
      hub.scoreCurrentTrace({ name: "label", value: "refund", source: "user" });
      hub.scoreCurrentSpan({ name: "thumbs", value: 1, dataType: "boolean", source: "user" });
    });
    expect(hub.scoreCurrentSpan({ name: "outside", value: 1 })).toBeUndefined();
    await hub.flush();
    expect(memory.scores.map((s) => [s.name, s.value, s.dataType, s.source, s.comment])).toEqual([
      ["relevance", 0.82, "numeric", "api", "close"],
      ["label", "refund", "categorical", "user", undefined],
      ["thumbs", 1, "boolean", "user", undefined],
    ]);
  });
});
