import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AdapterLimits, ExportBatch, ExportResult, Logger, ObservabilityAdapter } from "../src/adapter.js";
import { DeliveryQueue, type DeliveryQueueOptions } from "../src/delivery/delivery-queue.js";
import type { Score } from "../src/model/score.js";
import type { ReadonlySpan, SpanRecord } from "../src/model/span.js";

// ---- fixtures ----------------------------------------------------------------

function span(spanId: string, extra: Partial<SpanRecord> = {}): ReadonlySpan {
  return {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId,
    links: [],
    name: "work",
    kind: "span",
    startTime: 1,
    endTime: 2,
    status: "ok",
    attributes: {},
    events: [],
    context: {},
    ...extra,
  };
}

function score(id: string): Score {
  return { id, traceId: "0af7651916cd43dd8448eb211c80319c", name: "relevance", value: 0.8, dataType: "numeric", source: "api", time: 1 };
}

/** The spool counters of a queue without a spool. */
const NO_SPOOL = { spooled: 0, unspooled: 0, spoolSkipped: 0, spoolBytes: 0 };

const ids = (batch: ExportBatch): string[] => [...batch.spans.map((s) => s.spanId), ...batch.scores.map((s) => s.id)];

type Script = (batch: ExportBatch, call: number) => ExportResult | Promise<ExportResult>;
const hang = (): Promise<ExportResult> => new Promise<ExportResult>(() => undefined);

/** Records every batch it receives, with the fake time it arrived, and answers from a script. */
class ScriptedAdapter implements ObservabilityAdapter {
  readonly calls: { ids: string[]; at: number }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  shutdownCalls = 0;

  constructor(
    private readonly script: Script = () => ({ kind: "ok" }),
    readonly limits?: AdapterLimits,
    readonly name = "scripted",
  ) {}

  async export(batch: ExportBatch): Promise<ExportResult> {
    this.calls.push({ ids: ids(batch), at: Date.now() });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.script(batch, this.calls.length - 1);
    } finally {
      this.inFlight--;
    }
  }

  async shutdown(): Promise<void> {
    this.shutdownCalls++;
  }

  get sent(): string[][] {
    return this.calls.map((c) => c.ids);
  }
}

function queueFor(adapter: ObservabilityAdapter, options: Partial<DeliveryQueueOptions> = {}): DeliveryQueue {
  return new DeliveryQueue({ adapter, random: () => 0.5, ...options });
}

function enqueueSpans(queue: DeliveryQueue, ...spanIds: string[]): void {
  for (const id of spanIds) queue.enqueueSpan(span(id));
}

const advance = (ms: number): Promise<void> => vi.advanceTimersByTimeAsync(ms).then(() => undefined);

/** Awaits `promise` after letting `ms` of fake time pass (flush and shutdown wait on timers). */
async function after<T>(ms: number, promise: Promise<T>): Promise<T> {
  await advance(ms);
  return promise;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

// ---- batching ------------------------------------------------------------------

describe("batching", () => {
  it("cuts full batches by count at once and sends the rest when the batching timer expires", async () => {
    const adapter = new ScriptedAdapter();
    const queue = queueFor(adapter, { maxBatchItems: 3, flushIntervalMs: 1000 });
    enqueueSpans(queue, "a", "b", "c", "d", "e", "f", "g");
    await advance(1);
    expect(adapter.sent).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f"],
    ]);
    await advance(997);
    expect(adapter.calls).toHaveLength(2);
    await advance(2);
    expect(adapter.sent[2]).toEqual(["g"]);
    expect(queue.stats()).toMatchObject({ exported: 7, queued: 0, inFlight: 0 });
  });

  it("cuts batches by estimated bytes; an item larger than maxBatchBytes goes alone", async () => {
    const adapter = new ScriptedAdapter();
    const sizes: Record<string, number> = { a: 100, b: 100, big: 1000, c: 100 };
    const queue = queueFor(adapter, {
      maxBatchBytes: 250,
      concurrency: 4,
      estimateBytes: (record) => sizes[(record as ReadonlySpan).spanId] ?? 0,
    });
    enqueueSpans(queue, "a", "b", "big", "c");
    await advance(1);
    // [a, b] and [big] are full by bytes; [c] alone is a partial batch and waits for the timer.
    expect(adapter.sent).toEqual([["a", "b"], ["big"]]);
    await advance(1000);
    expect(adapter.sent).toEqual([["a", "b"], ["big"], ["c"]]);
  });

  it("sends a partial batch after flushIntervalMs, not before", async () => {
    const adapter = new ScriptedAdapter();
    const queue = queueFor(adapter, { flushIntervalMs: 1000 });
    enqueueSpans(queue, "a");
    queue.enqueueScore(score("s1"));
    await advance(999);
    expect(adapter.calls).toHaveLength(0);
    await advance(1);
    expect(adapter.calls).toEqual([{ ids: ["a", "s1"], at: 1000 }]);
  });

  it("flush sends at once, without waiting for the batching timer", async () => {
    const adapter = new ScriptedAdapter();
    const queue = queueFor(adapter, { flushIntervalMs: 60_000 });
    enqueueSpans(queue, "a", "b");
    await expect(queue.flush()).resolves.toBe(true);
    expect(adapter.calls).toEqual([{ ids: ["a", "b"], at: 0 }]);
  });

  it("does not size items on enqueue: estimation happens in the scheduled drain", async () => {
    const estimateBytes = vi.fn(() => 10);
    const queue = queueFor(new ScriptedAdapter(), { estimateBytes });
    enqueueSpans(queue, "a", "b", "c");
    expect(estimateBytes).not.toHaveBeenCalled();
    await advance(1);
    expect(estimateBytes).toHaveBeenCalledTimes(3);
  });
});

// ---- concurrency and isolation -------------------------------------------------

describe("concurrency", () => {
  it("never has more exports in flight than the adapter's concurrency", async () => {
    const pending: (() => void)[] = [];
    const adapter = new ScriptedAdapter(
      () => new Promise<ExportResult>((resolve) => pending.push(() => resolve({ kind: "ok" }))),
      { concurrency: 3, maxBatchItems: 1 },
    );
    const queue = queueFor(adapter);
    enqueueSpans(queue, ...Array.from({ length: 20 }, (_, i) => `s${i}`));
    await advance(1);
    expect(adapter.inFlight).toBe(3);
    expect(queue.stats()).toMatchObject({ inFlight: 3, queued: 17 });
    while (pending.length > 0) {
      pending.shift()?.();
      await advance(0);
      expect(adapter.inFlight).toBeLessThanOrEqual(3);
    }
    expect(adapter.maxInFlight).toBe(3);
    expect(adapter.calls).toHaveLength(20);
    expect(queue.stats().exported).toBe(20);
  });

  it("times out a hanging export and frees its slot", async () => {
    const adapter = new ScriptedAdapter((_batch, call) => (call === 0 ? hang() : { kind: "ok" }));
    const queue = queueFor(adapter, { concurrency: 1, exportTimeoutMs: 5000, random: () => 0 });
    enqueueSpans(queue, "a");
    await advance(1000); // a goes out at 1 s and hangs
    enqueueSpans(queue, "b");
    await advance(4999);
    expect(adapter.sent).toEqual([["a"]]); // the only slot is held by the hanging call
    await advance(1);
    // At 6 s the export times out: it counts as a retry, and the freed slot sends b at once ...
    expect(adapter.calls[1]).toEqual({ ids: ["b"], at: 6000 });
    // ... then a, after its (here zero) backoff.
    await advance(10);
    expect(adapter.sent.slice(2)).toEqual([["a"]]);
    expect(queue.stats()).toMatchObject({ exported: 2, retried: 1, inFlight: 0 });
    expect(queue.stats().lastError).toMatch(/timed out after 5000 ms/);
  });

  it("a hanging adapter in one queue does not delay another queue", async () => {
    const dead = new ScriptedAdapter(hang, undefined, "dead");
    const alive = new ScriptedAdapter(undefined, undefined, "alive");
    const deadQueue = queueFor(dead);
    const aliveQueue = queueFor(alive);
    deadQueue.enqueueSpan(span("a"));
    aliveQueue.enqueueSpan(span("a"));
    await advance(1000);
    expect(alive.calls).toEqual([{ ids: ["a"], at: 1000 }]);
    expect(aliveQueue.stats().exported).toBe(1);
    expect(deadQueue.stats()).toMatchObject({ exported: 0, inFlight: 1 });
  });

  it("keeps other batches flowing while one waits for its retry", async () => {
    const adapter = new ScriptedAdapter((_batch, call) =>
      call === 0 ? { kind: "retry", afterMs: 60_000, reason: "429" } : { kind: "ok" },
    );
    const queue = queueFor(adapter, { concurrency: 1 });
    enqueueSpans(queue, "a");
    await advance(1000);
    enqueueSpans(queue, "b");
    await advance(1000);
    expect(adapter.sent).toEqual([["a"], ["b"]]);
    expect(queue.stats()).toMatchObject({ exported: 1, queued: 1 });
  });
});

// ---- results -------------------------------------------------------------------

describe("export results", () => {
  it("honours afterMs on retry: nothing is resent before it, the batch is resent at it", async () => {
    const adapter = new ScriptedAdapter((_batch, call) =>
      call === 0 ? { kind: "retry", afterMs: 7000, reason: "429 Too Many Requests" } : { kind: "ok" },
    );
    const queue = queueFor(adapter, { random: () => 0 });
    enqueueSpans(queue, "a", "b");
    await advance(1000); // first attempt when the batching timer expires
    await advance(6999);
    expect(adapter.calls).toHaveLength(1);
    await advance(1);
    expect(adapter.calls).toEqual([
      { ids: ["a", "b"], at: 1000 },
      { ids: ["a", "b"], at: 8000 },
    ]);
    expect(queue.stats()).toMatchObject({ exported: 2, retried: 2, queued: 0 });
  });

  it("backs off exponentially with full jitter when no afterMs is given", async () => {
    const adapter = new ScriptedAdapter((_batch, call) => (call < 4 ? { kind: "retry", reason: "503" } : { kind: "ok" }));
    const queue = queueFor(adapter, { initialBackoffMs: 1000, maxBackoffMs: 5000, random: () => 0.5 });
    enqueueSpans(queue, "a");
    await advance(60_000);
    const gaps = adapter.calls.slice(1).map((c, i) => c.at - (adapter.calls[i]?.at ?? 0));
    // Half of each ceiling: min(5000, 1000 * 2^n) / 2.
    expect(gaps).toEqual([500, 1000, 2000, 2500]);
  });

  it("keeps backoff waits within their ceiling even at the top of the draw", async () => {
    const adapter = new ScriptedAdapter(() => ({ kind: "retry", reason: "503" }));
    const queue = queueFor(adapter, { initialBackoffMs: 100, maxBackoffMs: 800, maxAttempts: 8, random: () => 0.999_999 });
    enqueueSpans(queue, "a");
    await advance(60_000);
    const gaps = adapter.calls.slice(1).map((c, i) => c.at - (adapter.calls[i]?.at ?? 0));
    expect(gaps).toHaveLength(7);
    gaps.forEach((gap, n) => expect(gap).toBeLessThanOrEqual(Math.min(800, 100 * 2 ** n)));
    expect(Math.max(...gaps)).toBe(800);
  });

  it("never retries a fail result", async () => {
    const adapter = new ScriptedAdapter(() => ({ kind: "fail", reason: "400 Bad Request" }));
    const queue = queueFor(adapter);
    enqueueSpans(queue, "a", "b");
    await expect(queue.flush()).resolves.toBe(true);
    await advance(120_000);
    expect(adapter.calls).toHaveLength(1);
    expect(queue.stats()).toMatchObject({ failed: 2, retried: 0, exported: 0, lastError: "400 Bad Request" });
  });

  it("on partial, resends exactly the retryable rejected items and counts the rest", async () => {
    const adapter = new ScriptedAdapter((_batch, call) =>
      call === 0
        ? {
            kind: "partial",
            rejected: [
              { id: "b", retryable: true, reason: "overloaded" },
              { id: "s2", retryable: true, reason: "overloaded" },
              { id: "c", retryable: false, reason: "invalid span" },
            ],
          }
        : { kind: "ok" },
    );
    const queue = queueFor(adapter);
    enqueueSpans(queue, "a", "b", "c", "d");
    queue.enqueueScore(score("s1"));
    queue.enqueueScore(score("s2"));
    await expect(after(1000, queue.flush())).resolves.toBe(true);
    expect(adapter.sent).toEqual([
      ["a", "b", "c", "d", "s1", "s2"],
      ["b", "s2"],
    ]);
    expect(queue.stats()).toMatchObject({ exported: 5, failed: 1, retried: 2 });
  });

  it("on partial with afterMs, resends only the retryable items, not before afterMs", async () => {
    const adapter = new ScriptedAdapter((_batch, call) =>
      call === 0
        ? { kind: "partial", rejected: [{ id: "s1", retryable: true, reason: "429 Too Many Requests" }], afterMs: 7000 }
        : { kind: "ok" },
    );
    const queue = queueFor(adapter, { random: () => 0 });
    enqueueSpans(queue, "a", "b");
    queue.enqueueScore(score("s1"));
    await advance(1000); // first attempt when the batching timer expires
    await advance(6999);
    expect(adapter.calls).toHaveLength(1);
    await advance(1);
    expect(adapter.calls).toEqual([
      { ids: ["a", "b", "s1"], at: 1000 },
      { ids: ["s1"], at: 8000 },
    ]);
    expect(queue.stats()).toMatchObject({ exported: 3, retried: 1, queued: 0 });
  });

  it("treats an export that throws or rejects as a retry", async () => {
    const adapter = new ScriptedAdapter((_batch, call) => {
      if (call === 0) throw new TypeError("fetch failed");
      return { kind: "ok" };
    });
    const queue = queueFor(adapter);
    enqueueSpans(queue, "a");
    await expect(after(1000, queue.flush())).resolves.toBe(true);
    expect(adapter.calls).toHaveLength(2);
    expect(queue.stats()).toMatchObject({ exported: 1, retried: 1 });
    expect(queue.stats().lastError).toContain("fetch failed");
  });

  it("drops and counts items once maxAttempts is exhausted", async () => {
    const adapter = new ScriptedAdapter(() => ({ kind: "retry", afterMs: 10, reason: "502 Bad Gateway" }));
    const queue = queueFor(adapter, { maxAttempts: 3 });
    enqueueSpans(queue, "a", "b");
    await expect(after(100, queue.flush())).resolves.toBe(true);
    expect(adapter.calls).toHaveLength(3);
    expect(queue.stats()).toMatchObject({ retried: 4, dropped: 2, exported: 0, queued: 0 });
    expect(queue.stats().lastError).toBe("gave up after 3 attempts: 502 Bad Gateway");
  });
});

// ---- memory bounds -------------------------------------------------------------

describe("memory bounds", () => {
  it("drops and counts what exceeds the count bound", async () => {
    const adapter = new ScriptedAdapter();
    const queue = queueFor(adapter, { maxQueueItems: 5 });
    enqueueSpans(queue, "a", "b", "c", "d", "e", "f", "g", "h");
    expect(queue.stats()).toMatchObject({ queued: 5, dropped: 3 });
    expect(queue.stats().lastError).toMatch(/queue full/);
    await queue.flush();
    expect(adapter.sent.flat()).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("takes a drain's spans and scores at once, in order, within the count bound", async () => {
    const adapter = new ScriptedAdapter();
    const queue = queueFor(adapter, { maxQueueItems: 5 });
    enqueueSpans(queue, "a");
    queue.enqueueAll([span("b"), span("c"), span("d")], [score("s1"), score("s2"), score("s3")]);
    expect(queue.stats()).toMatchObject({ queued: 5, dropped: 2 });
    queue.enqueueAll([span("e")], []);
    expect(queue.stats()).toMatchObject({ queued: 5, dropped: 3 });
    await queue.flush();
    expect(adapter.sent.flat()).toEqual(["a", "b", "c", "d", "s1"]);
    queue.enqueueAll([span("f")], [score("s4")]);
    await queue.flush();
    expect(adapter.sent.at(-1)).toEqual(["f", "s4"]);
    expect(queue.stats()).toMatchObject({ exported: 7, dropped: 3, queued: 0 });
  });

  it("counts items waiting for retry against the count bound", async () => {
    const adapter = new ScriptedAdapter(() => ({ kind: "retry", afterMs: 60_000, reason: "429" }));
    const queue = queueFor(adapter, { maxQueueItems: 3 });
    enqueueSpans(queue, "a", "b", "c");
    await expect(after(10, queue.flush(10))).resolves.toBe(false);
    expect(queue.stats()).toMatchObject({ queued: 3, inFlight: 0, dropped: 0 });
    enqueueSpans(queue, "d");
    expect(queue.stats()).toMatchObject({ queued: 3, dropped: 1 });
  });

  it("drops and counts what exceeds the byte bound, checked when items are sized", async () => {
    const adapter = new ScriptedAdapter();
    const queue = queueFor(adapter, { maxQueueBytes: 350, estimateBytes: () => 100 });
    enqueueSpans(queue, "a", "b", "c", "d", "e");
    await advance(1);
    expect(queue.stats()).toMatchObject({ dropped: 2 });
    expect(queue.stats().lastError).toMatch(/estimated bytes/);
    await queue.flush();
    expect(adapter.sent.flat()).toEqual(["a", "b", "c"]);
    // Delivered items free their bytes.
    enqueueSpans(queue, "f", "g", "h");
    await queue.flush();
    expect(adapter.sent.flat()).toEqual(["a", "b", "c", "f", "g", "h"]);
  });

  it("sizes big payloads with the default estimator", async () => {
    const adapter = new ScriptedAdapter();
    const queue = queueFor(adapter, { maxQueueBytes: 1024 * 1024 });
    queue.enqueueSpan(span("huge", { input: "x".repeat(2 * 1024 * 1024) }));
    queue.enqueueSpan(span("many", { output: Array.from({ length: 100_000 }, () => ({ text: "0123456789" })) }));
    queue.enqueueSpan(span("small", { input: { question: "hello" } }));
    await queue.flush();
    expect(adapter.sent.flat()).toEqual(["small"]);
    expect(queue.stats().dropped).toBe(2);
  });
});

// ---- flush, shutdown, stats, secrets ---------------------------------------------

describe("flush and shutdown", () => {
  it("flush resolves false at its deadline while an export hangs", async () => {
    const queue = queueFor(new ScriptedAdapter(hang));
    enqueueSpans(queue, "a");
    let outcome: boolean | undefined;
    void queue.flush(2000).then((value) => (outcome = value));
    await advance(1999);
    expect(outcome).toBeUndefined();
    await advance(1);
    expect(outcome).toBe(false);
  });

  it("flush of an empty queue resolves true at once", async () => {
    await expect(queueFor(new ScriptedAdapter()).flush(0)).resolves.toBe(true);
  });

  it("shutdown returns undelivered spans and scores, stops timers and shuts the adapter down", async () => {
    const adapter = new ScriptedAdapter(() => ({ kind: "retry", afterMs: 60_000, reason: "503" }));
    const queue = queueFor(adapter);
    enqueueSpans(queue, "a", "b");
    queue.enqueueScore(score("s1"));
    const undelivered = await after(1000, queue.shutdown(1000));
    expect(undelivered.spans.map((s) => s.spanId)).toEqual(["a", "b"]);
    expect(undelivered.scores.map((s) => s.id)).toEqual(["s1"]);
    expect(adapter.shutdownCalls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    // After shutdown nothing is sent; late items are dropped and counted.
    enqueueSpans(queue, "late");
    await advance(120_000);
    expect(adapter.calls).toHaveLength(1);
    expect(queue.stats()).toMatchObject({ dropped: 1, queued: 0, inFlight: 0 });
    await expect(queue.shutdown()).resolves.toEqual({ spans: [], scores: [] });
  });

  it("shutdown returns items stuck in a hanging export and survives an adapter.shutdown that hangs", async () => {
    const adapter: ObservabilityAdapter = { name: "stuck", export: hang, shutdown: () => new Promise(() => undefined) };
    const queue = queueFor(adapter);
    enqueueSpans(queue, "a");
    // The flush takes the whole deadline, so adapter.shutdown gets no time left: it is not waited for.
    const undelivered = await after(501, queue.shutdown(500));
    expect(undelivered.spans.map((s) => s.spanId)).toEqual(["a"]);
    expect(queue.stats().lastError).toMatch(/adapter shutdown did not finish/);
  });

  it("a second shutdown waits for the first and returns nothing twice", async () => {
    const adapter = new ScriptedAdapter(() => ({ kind: "retry", afterMs: 60_000, reason: "503" }));
    const queue = queueFor(adapter);
    enqueueSpans(queue, "a");
    const first = queue.shutdown(100);
    const second = queue.shutdown(100);
    await advance(100);
    expect((await first).spans.map((s) => s.spanId)).toEqual(["a"]);
    expect(await second).toEqual({ spans: [], scores: [] });
    expect(adapter.shutdownCalls).toBe(1);
  });

  it("reads a synchronous throw or a malformed result from export() as a retry", async () => {
    let call = 0;
    const answers = [
      () => {
        throw new Error("sync boom");
      },
      () => ({ kind: "maybe" }),
      () => undefined,
      () => ({ kind: "ok" }),
    ];
    const adapter = { name: "sloppy", export: () => answers[call++]?.() } as unknown as ObservabilityAdapter;
    const queue = queueFor(adapter, { random: () => 0 });
    enqueueSpans(queue, "a");
    await expect(after(1000, queue.flush())).resolves.toBe(true);
    expect(call).toBe(4);
    expect(queue.stats()).toMatchObject({ exported: 1, retried: 3 });
  });

  it("never rejects, even when the adapter and the logger throw", async () => {
    const throwing = (): never => {
      throw new Error("boom");
    };
    const log: Logger = { debug: throwing, warn: throwing };
    const adapter: ObservabilityAdapter = { name: "broken", export: () => ({ kind: "fail" }) as never, shutdown: throwing };
    const queue = queueFor(adapter, { log, estimateBytes: throwing });
    expect(() => enqueueSpans(queue, "a")).not.toThrow();
    await expect(queue.flush()).resolves.toBe(true);
    await expect(queue.shutdown()).resolves.toEqual({ spans: [], scores: [] });
    expect(queue.stats().lastError).toMatch(/adapter shutdown failed: Error: boom/);
  });
});

describe("stats and secrets", () => {
  it("reports queued and in-flight items while an export runs", async () => {
    let finish: (result: ExportResult) => void = () => undefined;
    const adapter = new ScriptedAdapter(() => new Promise<ExportResult>((resolve) => (finish = resolve)), {
      concurrency: 1,
      maxBatchItems: 2,
    });
    const queue = queueFor(adapter);
    enqueueSpans(queue, "a", "b", "c");
    await advance(1);
    expect(queue.stats()).toEqual({ adapter: "scripted", exported: 0, retried: 0, dropped: 0, failed: 0, queued: 1, inFlight: 2, ...NO_SPOOL });
    finish({ kind: "ok" });
    await advance(1000);
    finish({ kind: "ok" });
    await advance(0);
    expect(queue.stats()).toEqual({ adapter: "scripted", exported: 3, retried: 0, dropped: 0, failed: 0, queued: 0, inFlight: 0, ...NO_SPOOL });
  });

  it("never puts a secret into lastError or a log line", async () => {
    const secret = "sk-lf-0123456789abcdef";
    const lines: string[] = [];
    const log: Logger = { debug: (m) => lines.push(m), warn: (m) => lines.push(m) };
    const adapter = new ScriptedAdapter((_batch, call) =>
      call === 0
        ? { kind: "retry", reason: `502 from proxy: Authorization: Bearer ${secret}` }
        : { kind: "fail", reason: `401 Unauthorized: key ${secret} is invalid (${secret})` },
    );
    const queue = queueFor(adapter, { secrets: [secret], log });
    enqueueSpans(queue, "a");
    await after(1000, queue.flush());
    const lastError = queue.stats().lastError ?? "";
    expect(lastError).toBe("401 Unauthorized: key *** is invalid (***)");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).not.toContain(secret);
  });
});

describe("process lifetime", () => {
  it("keeps no ref'd timer while items wait for a batch, a retry or a hanging export", async () => {
    vi.useRealTimers();
    const refdTimers = (): number => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = refdTimers();
    const adapter = new ScriptedAdapter((_batch, call) => (call === 0 ? { kind: "retry", afterMs: 60_000, reason: "429" } : hang()));
    const queue = queueFor(adapter, { flushIntervalMs: 5 });
    enqueueSpans(queue, "a"); // drain and batching timers
    expect(refdTimers()).toBeLessThanOrEqual(before); // others (vitest) may end theirs meanwhile
    // Polled rather than slept: on a loaded machine a fixed sleep can end before the 5 ms batch timer fires.
    await vi.waitFor(() => {
      expect(adapter.calls).toHaveLength(1);
      expect(queue.stats().queued).toBe(1); // waiting out the 60 s Retry-After
    });
    enqueueSpans(queue, "b");
    await vi.waitFor(() => expect(queue.stats().inFlight).toBe(1)); // b's export hangs
    expect(refdTimers()).toBeLessThanOrEqual(before); // others (vitest) may end theirs meanwhile
  });
});
