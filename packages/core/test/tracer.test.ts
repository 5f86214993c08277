import { describe, expect, it } from "vitest";
import {
  extractTraceparent,
  formatTraceparent,
  observe,
  spanSchema,
  traced,
  withContext,
  withPromptTemplate,
  type SpanHandle,
} from "../src/index.js";
import ts from "typescript";
import { memoryHub, sleep } from "./helpers.js";

describe("nesting and context", () => {
  it("gives each Promise.all branch the right parent, and grandchildren theirs", async () => {
    const { hub, memory } = await memoryHub();
    await hub.trace("root", async () => {
      await Promise.all(
        ["a", "b", "c"].map((name) =>
          hub.span(name, async () => {
            await sleep(Math.random() * 5);
            await hub.span(`${name}.child`, async () => sleep(1));
          }),
        ),
      );
    });
    await hub.flush();
    const byName = new Map(memory.spans.map((span) => [span.name, span]));
    const root = byName.get("root")!;
    expect(root.parentSpanId).toBeUndefined();
    for (const name of ["a", "b", "c"]) {
      const branch = byName.get(name)!;
      expect(branch.parentSpanId).toBe(root.spanId);
      expect(branch.traceId).toBe(root.traceId);
      expect(byName.get(`${name}.child`)!.parentSpanId).toBe(branch.spanId);
    }
    expect(new Set(memory.spans.map((span) => span.traceId)).size).toBe(1);
    for (const span of memory.spans) expect(spanSchema.safeParse(span).success).toBe(true);
  });

  it("keeps the parent across timers and setImmediate", async () => {
    const { hub, memory } = await memoryHub();
    await hub.trace("root", async (root) => {
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          hub.span("in-timeout", () => undefined);
          setImmediate(() => {
            hub.span("in-immediate", () => undefined);
            resolve();
          });
        }, 2),
      );
      expect(hub.currentSpan()?.spanId).toBe(root.spanId);
    });
    await hub.flush();
    const root = memory.find("root")!;
    expect(memory.find("in-timeout")!.parentSpanId).toBe(root.spanId);
    expect(memory.find("in-immediate")!.parentSpanId).toBe(root.spanId);
  });

  it("stamps withContext and span options on every span inside, and names the trace", async () => {
    const { hub, memory } = await memoryHub();
    await withContext({ userId: "u-1", tags: ["outer"], metadata: { a: 1 } }, () =>
      hub.trace("rag-query", { sessionId: "s-9", tags: ["inner"] }, async () => {
        await withContext({ metadata: { b: 2 }, environment: "staging" }, () => hub.span("leaf", async () => 1));
      }),
    );
    await hub.flush();
    const leaf = memory.find("leaf")!;
    expect(leaf.context).toMatchObject({
      traceName: "rag-query",
      userId: "u-1",
      sessionId: "s-9",
      tags: ["outer", "inner"],
      metadata: { a: 1, b: 2 },
      environment: "staging",
    });
    expect(memory.find("rag-query")!.context.environment).toBeUndefined();
  });

  it("links spans created inside withPromptTemplate to the prompt", async () => {
    const { hub, memory } = await memoryHub();
    await withPromptTemplate({ name: "qa", version: 3, template: "Answer {q}", variables: { q: "?" } }, () =>
      hub.span("generate", { kind: "llm" }, () => undefined),
    );
    await hub.flush();
    expect(memory.find("generate")!.prompt).toEqual({ name: "qa", version: 3, template: "Answer {q}", variables: { q: "?" } });
  });
});

describe("errors", () => {
  it("records a sync user exception and re-throws the very same error", async () => {
    const { hub, memory } = await memoryHub();
    class BoomError extends Error {
      override name = "BoomError";
    }
    const boom = new BoomError("boom");
    let caught: unknown;
    try {
      hub.span("sync", () => {
        throw boom;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(boom);
    await hub.flush();
    const span = memory.find("sync")!;
    expect(span.status).toBe("error");
    expect(span.error).toMatchObject({ type: "BoomError", message: "boom", category: "unknown" });
    expect(span.error!.stack).toContain("BoomError");
  });

  it("records an async rejection with its category and re-throws the same reason", async () => {
    const { hub, memory } = await memoryHub();
    const rateLimited = Object.assign(new Error("Too many requests"), { status: 429 });
    await expect(hub.span("async", async () => Promise.reject(rateLimited))).rejects.toBe(rateLimited);
    const notAnError = { weird: true };
    await expect(hub.span("odd", async () => Promise.reject(notAnError))).rejects.toBe(notAnError);
    await hub.flush();
    expect(memory.find("async")!.error).toMatchObject({ category: "rate_limit", message: "Too many requests" });
    expect(memory.find("odd")!.status).toBe("error");
  });

  it("returns sync results as they are and never throws for hostile calls", async () => {
    const { hub, memory } = await memoryHub();
    const result = hub.span("calc", (span) => {
      span.setAttribute("ok", 1).setAttribute("bad", { nested: true } as never).setAttribute("", undefined);
      span.setUsage({ input: 10, output: -5, total: Number.NaN } as never);
      span.setUsage(null as never).setCost("x" as never).addEvent(undefined as never).addLink({} as never);
      span.setRetryCount(-1).setTimeoutMs(Number.NaN).markFirstToken(new Date("nope"));
      return 42;
    });
    expect(result).toBe(42);
    await hub.flush();
    const span = memory.find("calc")!;
    expect(span.attributes).toEqual({ ok: 1 });
    expect(span.usage).toEqual({ input: 10 });
    expect(span.retryCount).toBeUndefined();
    expect(spanSchema.safeParse(span).success).toBe(true);
  });

  it("copies usage counts (own, finite, non-negative), merges later calls and ignores an object whose getter throws", async () => {
    const { hub, memory } = await memoryHub();
    const source = { input: 5, output: 2 };
    const span = hub.startSpan("usage");
    span.setUsage(source);
    source.input = 99; // the span holds a copy
    span.setUsage({ output: 3, reasoning: 1, cacheRead: -1, total: Number.POSITIVE_INFINITY, label: "x" } as never);
    span.end();
    const hostile = hub.startSpan("hostile usage");
    hostile.setUsage({
      cacheRead: 4,
      get boom(): number {
        throw new Error("getter");
      },
      total: 7,
    } as never);
    hostile.end();
    await hub.flush();
    expect(memory.find("usage")!.usage).toEqual({ input: 5, output: 3, reasoning: 1 });
    expect(memory.find("hostile usage")!.usage).toBeUndefined();
    for (const s of memory.spans) expect(spanSchema.safeParse(s).success).toBe(true);
  });

  it("caps string attributes over maxFieldBytes, whether set a few times or many", async () => {
    const { hub, memory } = await memoryHub({ maxFieldBytes: 1024 });
    const huge = "x".repeat(5000);
    const few = hub.startSpan("few writes");
    few.setAttribute("small", "ok").setAttribute("huge", huge);
    few.end();
    const many = hub.startSpan("many writes");
    for (let i = 0; i < 100; i++) many.setAttribute("counter", i);
    many.setAttributes({ huge, small: "ok" });
    many.end();
    const under = hub.startSpan("under the cap");
    under.setAttribute("text", "y".repeat(300));
    under.end();
    await hub.flush();
    for (const name of ["few writes", "many writes"]) {
      const attributes = memory.find(name)!.attributes;
      expect(attributes["small"]).toBe("ok");
      expect(typeof attributes["huge"]).toBe("string");
      expect(Buffer.byteLength(attributes["huge"] as string)).toBeLessThanOrEqual(1024);
      expect(attributes["huge"]).toContain("truncated");
    }
    expect(memory.find("under the cap")!.attributes["text"]).toBe("y".repeat(300));
  });

  it("ignores a second end() and calls after end", async () => {
    const { hub, memory } = await memoryHub();
    const span = hub.startSpan("manual");
    span.end();
    span.setAttribute("late", true);
    span.end();
    await hub.flush();
    expect(memory.spans).toHaveLength(1);
    expect(memory.spans[0]!.attributes).toEqual({});
  });
});

describe("manual spans, observe and decorators", () => {
  it("supports start/end handles for streams, with explicit parents", async () => {
    const { hub, memory } = await memoryHub();
    const root = hub.startTrace("stream", { kind: "chain" });
    const gen = hub.startSpan("generate", { kind: "llm", parent: root, model: "gpt-4o", provider: "openai" });
    gen.markFirstToken();
    gen.setUsage({ input: 12, output: 3 }).setOutput("hi!");
    gen.end();
    root.end();
    await hub.flush();
    const span = memory.find("generate")!;
    expect(span.parentSpanId).toBe(root.spanId);
    expect(span.completionStartTime).toBeGreaterThanOrEqual(span.startTime);
    expect(span.endTime).toBeGreaterThanOrEqual(span.completionStartTime!);
    expect(span).toMatchObject({ model: "gpt-4o", provider: "openai", output: "hi!", usage: { input: 12, output: 3 } });
  });

  it("observe keeps this, args and results, and records them", async () => {
    const { hub, memory } = await memoryHub();
    const calculator = {
      factor: 3,
      times(value: number): number {
        return value * this.factor;
      },
    };
    calculator.times = hub.observe(calculator.times, { name: "times", kind: "tool" });
    expect(calculator.times(5)).toBe(15);
    const fetchDocs = hub.observe(async (query: string, k: number) => [`${query}:${k}`], { name: "fetch", kind: "retriever" });
    await expect(fetchDocs("q", 2)).resolves.toEqual(["q:2"]);
    await hub.flush();
    expect(memory.find("times")).toMatchObject({ kind: "tool", input: 5, output: 15 });
    expect(memory.find("fetch")).toMatchObject({ kind: "retriever", input: ["q", 2], output: ["q:2"] });
  });

  // vitest's transform cannot compile decorator syntax, so the class is compiled by
  // TypeScript itself, once with standard decorators and once with experimentalDecorators.
  it.each([false, true])("traced() decorates class methods (experimentalDecorators: %s)", async (legacy) => {
    const { hub, memory } = await memoryHub();
    const source = `
      export function make(traced, hub) {
        class Agent {
          constructor(prefix) { this.prefix = prefix; }
          @traced({ hub, kind: "agent" })
          async answer(question) { return this.prefix + question; }
        }
        return Agent;
      }`;
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, experimentalDecorators: legacy },
    });
    const module = await import(`data:text/javascript,${encodeURIComponent(outputText)}`);
    const Agent = module.make(traced, hub);
    await expect(new Agent("A: ").answer("why?")).resolves.toBe("A: why?");
    await hub.flush();
    expect(memory.find("answer")).toMatchObject({ kind: "agent", input: "why?", output: "A: why?" });
  });

  it("module-level observe() accepts an explicit hub", async () => {
    const { hub, memory } = await memoryHub();
    const double = observe((x: number) => x * 2, { hub, name: "double" });
    expect(double(4)).toBe(8);
    await hub.flush();
    expect(memory.find("double")!.output).toBe(8);
  });
});

describe("W3C trace context", () => {
  it("injects and extracts traceparent, joining the remote trace", async () => {
    const { hub, memory } = await memoryHub();
    let outgoing = "";
    await hub.trace("client", (span: SpanHandle) => {
      outgoing = span.traceparent();
    });
    const parent = extractTraceparent({ traceparent: outgoing });
    expect(parent).toBeDefined();
    await hub.trace("server", { parent }, () => undefined);
    await hub.trace("server-2", { parent: outgoing }, () => undefined);
    await hub.flush();
    const client = memory.find("client")!;
    for (const name of ["server", "server-2"]) {
      const server = memory.find(name)!;
      expect(server.traceId).toBe(client.traceId);
      expect(server.parentSpanId).toBe(client.spanId);
      expect(server.parentIsRemote).toBe(true);
    }
    expect(formatTraceparent({ traceId: client.traceId, spanId: client.spanId })).toBe(outgoing);
  });

  it("rejects malformed traceparent headers", () => {
    const bad = [
      "",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
    ];
    for (const value of bad) expect(extractTraceparent({ traceparent: value })).toBeUndefined();
    const headers = new Headers({ TraceParent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00" });
    expect(extractTraceparent(headers)).toEqual({
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba902b7",
      remote: true,
      sampled: false,
    });
  });
});
