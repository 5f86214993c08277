// The application side of the matrix: traces made through the public tracer
// API (a root, a retriever, an LLM call with usage, a tool), produced in
// chunks that yield to the event loop between them, as a busy server would.
// Every span id is kept, and the wall time of each child span's call
// (start → attributes, usage → end) is measured: the application's latency.
import type { Hub } from "@tracehub/core";

export interface ProduceOptions {
  traces: number;
  /** Traces per chunk before yielding to the event loop; default 200. */
  chunk?: number;
  /** One score for every n-th trace (on its root); default none. */
  scoreEvery?: number;
  /** Called after each chunk (to switch faults mid-run, sample stats…). */
  onChunk?: (tracesDone: number) => void | Promise<void>;
}

export interface Produced {
  spanIds: string[];
  scoreIds: string[];
  /** Microseconds per child span call, in production order. */
  latenciesUs: Float64Array;
  wallMs: number;
}

const SPANS_PER_TRACE = 4;

export async function produceTraces(hub: Hub, options: ProduceOptions): Promise<Produced> {
  const chunk = options.chunk ?? 200;
  const spanIds: string[] = [];
  const scoreIds: string[] = [];
  const latencies = new Float64Array(options.traces * (SPANS_PER_TRACE - 1));
  let measured = 0;
  const timed = (fn: () => void): void => {
    const t0 = performance.now();
    fn();
    latencies[measured++] = (performance.now() - t0) * 1000;
  };
  const startedAt = performance.now();
  for (let done = 0; done < options.traces; ) {
    const end = Math.min(options.traces, done + chunk);
    for (let t = done; t < end; t++) {
      hub.trace("handle-request", { userId: `user-${t % 97}`, sessionId: `session-${t % 13}`, tags: ["fault-matrix"] }, (root) => {
        spanIds.push(root.spanId);
        root.setInput({ question: `question ${t}` });
        timed(() =>
          hub.span("retrieve", { kind: "retriever" }, (s) => {
            spanIds.push(s.spanId);
            s.setAttributes({ "retrieval.k": 4, "retrieval.index": "docs" });
            s.setOutput([{ id: `doc-${t}`, score: 0.8 }]);
          }),
        );
        timed(() =>
          hub.span("generate", { kind: "llm", model: "gpt-4o-mini", provider: "openai" }, (s) => {
            spanIds.push(s.spanId);
            s.setAttributes({ "app.attempt": 1, "app.cached": false, "app.route": "answer" });
            s.setUsage({ input: 812, output: 95 });
            s.setOutput({ role: "assistant", content: `answer ${t}` });
          }),
        );
        timed(() =>
          hub.span("lookup", { kind: "tool" }, (s) => {
            spanIds.push(s.spanId);
            s.setAttribute("tool.name", "search");
          }),
        );
        root.setOutput({ answer: `answer ${t}` });
        if (options.scoreEvery !== undefined && t % options.scoreEvery === 0) {
          const score = hub.score({ traceId: root.traceId, spanId: root.spanId, name: "relevance", value: 0.5 });
          if (score !== undefined) scoreIds.push(score.id);
        }
      });
    }
    done = end;
    await new Promise((resolve) => setImmediate(resolve));
    await options.onChunk?.(done);
  }
  return { spanIds, scoreIds, latenciesUs: latencies.subarray(0, measured), wallMs: performance.now() - startedAt };
}

/** The q-quantile (0..1) of `values` (copied and sorted). */
export function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}
