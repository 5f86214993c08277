// Regressions for hostile input to core's public span API, each pinned by the
// smallest counterexample the fuzz suite (span-values, call-sequences) found:
// no tracer call throws into the caller whatever it is handed, and every span
// core exports matches its own spanSchema once written as JSON.
import { spanSchema, type ReadonlySpan } from "@tracehub/core";
import { testHub, type TestHub } from "@tracehub/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { revokedProxy, throwingGetter, throwingProxy } from "./support/hostile-values.js";

let t: TestHub;
beforeEach(async () => {
  t = await testHub();
});
afterEach(async () => {
  await t.hub.shutdown();
});

async function exportedSpan(run: () => void): Promise<ReadonlySpan> {
  run();
  const [span] = await t.spans(1);
  if (span === undefined) throw new Error("no span was exported");
  return span;
}

/** The span as a JSON-lines reader gets it back, validated by core's own schema. */
function schemaIssues(span: ReadonlySpan): string[] {
  const json = JSON.parse(JSON.stringify({ ...span })) as unknown;
  const parsed = spanSchema.safeParse(json);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("a time that is neither a number nor a Date reads as now instead of throwing", () => {
  it("span.end('2024-01-01') does not throw, and the span ends now", async () => {
    const before = Date.now();
    const span = await exportedSpan(() => {
      const s = t.hub.startSpan("s");
      expect(() => s.end("2024-01-01" as never)).not.toThrow();
    });
    expect(span.endTime).toBeGreaterThanOrEqual(before - 1);
    expect(span.endTime).toBeLessThanOrEqual(Date.now() + 1);
  });
  it("markFirstToken(null) and addEvent(name, {}, '') do not throw", () => {
    const span = t.hub.startSpan("s");
    expect(() => span.markFirstToken(null as never)).not.toThrow();
    expect(() => span.addEvent("e", {}, "" as never)).not.toThrow();
  });
  it("startSpan with startTime: new Number(1) does not throw", () => {
    expect(() => t.hub.startSpan("s", { startTime: new Number(1) as never })).not.toThrow();
  });
});

describe("startSpan() and startTrace() never throw on options they cannot read", () => {
  it("startSpan(name, null) and startTrace(name, null) do not throw", () => {
    expect(() => t.hub.startSpan("s", null as never)).not.toThrow();
    expect(() => t.hub.startTrace("t", null as never)).not.toThrow();
  });
  it("startSpan(name, a Proxy that throws) and startTrace(name, a revoked Proxy) do not throw", () => {
    expect(() => t.hub.startSpan("s", throwingProxy() as never)).not.toThrow();
    expect(() => t.hub.startTrace("t", revokedProxy() as never)).not.toThrow();
  });
});

describe("setters never throw on caller objects that throw when read", () => {
  const cases: [string, (span: ReturnType<TestHub["hub"]["startSpan"]>) => unknown][] = [
    ["setModelParameters(object with a throwing getter)", (s) => s.setModelParameters(throwingGetter())],
    ["setRateLimit(throwing Proxy)", (s) => s.setRateLimit(throwingProxy() as never)],
    ["setPrompt(throwing Proxy)", (s) => s.setPrompt(throwingProxy() as never)],
    ["addEvent(name, attributes with a throwing getter)", (s) => s.addEvent("e", throwingGetter() as never)],
    ["addLink(throwing Proxy)", (s) => s.addLink(throwingProxy() as never)],
    ["setModel(model, a throwing Proxy as options)", (s) => s.setModel("m", throwingProxy() as never)],
    ["setAttribute(key, revoked Proxy)", (s) => s.setAttribute("k", revokedProxy() as never)],
    // Found by the fuzz suite once every setter got objects that throw when read.
    ["setPrompt with a revoked Proxy as template", (s) => s.setPrompt({ name: "p", template: revokedProxy() as never })],
  ];
  for (const [name, call] of cases) {
    it(`${name} does not throw`, () => {
      const span = t.hub.startSpan("s");
      expect(() => call(span)).not.toThrow();
    });
  }
});

describe("times at or before the epoch are not kept, so exported times are > 0", () => {
  it("a span started at -5 ms is exported with valid times", async () => {
    const span = await exportedSpan(() => t.hub.startSpan("s", { startTime: -5 }).end(-1));
    expect(schemaIssues(span)).toEqual([]);
  });
  // Found by the fuzz suite once pre-1970 times were generated: 0 and 5e-324 were kept, and OTLP's
  // nanoseconds round both to 0, which a collector reads as "no timestamp".
  it("times of 0 and 5e-324 ms (start, first token, event, end) are replaced by times after the epoch", async () => {
    const span = await exportedSpan(() =>
      t.hub.startSpan("s", { startTime: 0 }).markFirstToken(Number.MIN_VALUE).addEvent("e", {}, new Date(0)).addEvent("f", {}, Number.MIN_VALUE).end(-0),
    );
    expect(schemaIssues(span)).toEqual([]);
    const times = [span.startTime, span.endTime, span.completionStartTime, ...span.events.map((e) => e.time)];
    expect(times).toHaveLength(5);
    for (const time of times) expect(time).toBeGreaterThanOrEqual(1);
  });
});

describe("values that do not fit the Span model are dropped, so the span still matches spanSchema", () => {
  const cases: [string, (span: ReturnType<TestHub["hub"]["startSpan"]>) => unknown][] = [
    ["event attributes holding an object", (s) => s.addEvent("e", { nested: { a: 1 } } as never)],
    ["link attributes that are an array, link ids that are not hex", (s) => s.addLink({ traceId: "not-hex", spanId: "x", attributes: [1] as never })],
    ["recordError with an unknown category", (s) => s.recordError(new Error("x"), "bogus" as never)],
    ["setRetryCount(2 ** 64), an unsafe integer", (s) => s.setRetryCount(2 ** 64)],
    ["setPrompt with an object version and a string variables", (s) => s.setPrompt({ version: {} as never, variables: "v" as never })],
    ["setRateLimit with a string window", (s) => s.setRateLimit({ requests: "x" } as never)],
    ["setUsage with an array (its indices become usage keys)", (s) => s.setUsage([1, 2, 3] as never)],
  ];
  for (const [name, call] of cases) {
    it(`${name} still exports a span that matches spanSchema`, async () => {
      const span = await exportedSpan(() => {
        const s = t.hub.startSpan("s");
        call(s);
        s.end();
      });
      expect(schemaIssues(span)).toEqual([]);
      expect(Object.keys(span.usage ?? {})).not.toContain("0");
    });
  }
  it("lists (typed arrays, an array of attributes) never turn their indices into usage, cost, parameter or attribute keys", async () => {
    const span = await exportedSpan(() => {
      const s = t.hub.startSpan("s");
      s.setUsage(new Uint8Array([5, 6]) as never);
      s.setCost(new Float64Array([0.5]) as never);
      s.setModelParameters(new Int8Array([3]) as never);
      s.setAttributes([1, "x"] as never);
      s.addEvent("e", new Uint16Array([1]) as never);
      s.end();
    });
    expect(schemaIssues(span)).toEqual([]);
    for (const record of [span.usage, span.cost, span.modelParameters, span.attributes, span.events[0]?.attributes]) {
      expect(Object.keys(record ?? {})).not.toContain("0");
    }
  });
});

describe("trace(name, options, fn) with a function as options still runs fn", () => {
  it("the callback runs, and the function given as options does not", () => {
    let ran = false;
    let optionsRan = false;
    const result = t.hub.trace(
      "t",
      (() => {
        optionsRan = true;
      }) as never,
      () => {
        ran = true;
        return "fn";
      },
    );
    expect(result).toBe("fn");
    expect(ran).toBe(true);
    expect(optionsRan).toBe(false);
  });
});

describe("NaN and ±Infinity attributes are dropped, as spanSchema requires", () => {
  it("a span with setAttribute('x', NaN) matches spanSchema once written as JSON", async () => {
    const span = await exportedSpan(() => t.hub.startSpan("s").setAttribute("x", Number.NaN).end());
    expect(schemaIssues(span)).toEqual([]);
  });
});
