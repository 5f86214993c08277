// Call sequences against the tracer: a small language of operations (start a
// span under any earlier span, end any span — again, or before its children —
// set fields after end, cross await and timers, nest a trace inside a span,
// fan out with Promise.all, throw from user code, hostile withContext /
// withPromptTemplate / score inputs) and an interpreter that runs one inside a
// root trace and reports what went wrong instead of throwing.
import fc from "fast-check";
import { withPromptTemplate, type Hub, type SpanHandle } from "@tracehub/core";
import { HOSTILE as all, hostileTime, materialize } from "./hostile-values.js";
import { applyCalls, attempt, describeThrown, spanCallArb, type SpanCall } from "./span-calls.js";

export type Op =
  | { op: "start"; parent: number; name: unknown }
  | { op: "end"; target: number; time: unknown }
  | { op: "set"; target: number; calls: SpanCall[] }
  | { op: "tick" }
  | { op: "timer"; ms: number }
  | { op: "nestedTrace"; name: unknown }
  | { op: "parallel"; width: number; depth: number }
  | { op: "userThrow"; value: unknown; async: boolean }
  | { op: "withContext"; context: unknown }
  | { op: "withPrompt"; prompt: unknown }
  | { op: "score"; input: unknown }
  | { op: "scoreSpan"; target: number; name: unknown; value: unknown; comment: unknown; metadata: unknown };

const index = fc.nat({ max: 12 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant("start" as const), parent: index, name: all.text }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant("end" as const), target: index, time: hostileTime }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant("set" as const), target: index, calls: fc.array(spanCallArb, { maxLength: 3 }) }), weight: 3 },
  fc.constant({ op: "tick" as const }),
  fc.record({ op: fc.constant("timer" as const), ms: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant("nestedTrace" as const), name: all.text }),
  fc.record({ op: fc.constant("parallel" as const), width: fc.integer({ min: 1, max: 6 }), depth: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant("userThrow" as const), value: all.value, async: fc.boolean() }),
  fc.record({ op: fc.constant("withContext" as const), context: fc.oneof(all.value, fc.record({ userId: all.text, sessionId: all.text, tags: fc.oneof(all.value, fc.array(all.text, { maxLength: 3 })), metadata: all.record, release: all.text, environment: all.text, version: all.text }, { requiredKeys: [] })) }),
  fc.record({ op: fc.constant("withPrompt" as const), prompt: fc.oneof(all.value, fc.record({ name: all.text, version: all.value, template: all.value, variables: all.record }, { requiredKeys: [] })) }),
  fc.record({ op: fc.constant("score" as const), input: fc.oneof(all.value, fc.record({ traceId: all.text, spanId: all.text, name: all.text, value: all.value, dataType: all.text, comment: all.text, source: all.text, id: all.text, metadata: all.record }, { requiredKeys: [] })) }),
  fc.record({ op: fc.constant("scoreSpan" as const), target: index, name: fc.oneof(fc.string({ minLength: 1 }), all.text), value: fc.oneof(fc.double(), fc.boolean(), fc.string(), all.value), comment: all.text, metadata: all.record }),
);

export interface SequenceReport {
  /** Exceptions that reached the caller, and user errors that came back changed. */
  escaped: string[];
  /** Every span started, to end them all at the end of the run. */
  handles: SpanHandle[];
  /** Trace ids of nested traces, which must differ from the outer one. */
  nestedTraceIds: string[];
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs the operations inside `root`; nothing escapes (it is recorded instead). */
export async function runSequence(hub: Hub, root: SpanHandle, ops: readonly Op[], report: SequenceReport): Promise<void> {
  const { escaped, handles } = report;
  const pick = (i: number) => handles[i % handles.length] as SpanHandle;
  for (const raw of ops) {
    const op = materialize(raw);
    switch (op.op) {
      case "start": {
        const span = attempt(escaped, "startSpan", () => hub.startSpan(op.name as string, { parent: pick(op.parent) }));
        if (span !== undefined) handles.push(span);
        break;
      }
      case "end":
        attempt(escaped, "end", () => pick(op.target).end(op.time as number));
        break;
      case "set":
        applyCalls(pick(op.target), op.calls, escaped, "set");
        break;
      case "tick":
        await tick();
        break;
      case "timer":
        await sleep(op.ms);
        break;
      case "nestedTrace":
        attempt(escaped, "span+trace", () =>
          hub.span("outer", () => hub.trace(op.name as string, (inner) => void report.nestedTraceIds.push(inner.traceId))),
        );
        break;
      case "parallel":
        await fanOut(hub, op.width, op.depth, escaped);
        break;
      case "userThrow":
        await userThrow(hub, op.value, op.async, escaped);
        break;
      case "withContext": {
        const result = attempt(escaped, "withContext", () => hub.withContext(op.context as never, () => hub.span("in-context", () => 42)));
        if (result !== 42) escaped.push(`withContext returned ${String(result)} instead of the function's result`);
        break;
      }
      case "withPrompt": {
        const result = attempt(escaped, "withPromptTemplate", () =>
          withPromptTemplate(op.prompt as never, () => hub.span("generation", { kind: "llm", model: "gpt-4o" }, () => "out")),
        );
        if (result !== "out") escaped.push(`withPromptTemplate returned ${String(result)} instead of the function's result`);
        break;
      }
      case "score":
        attempt(escaped, "score", () => hub.score(op.input as never));
        break;
      case "scoreSpan": {
        const span = pick(op.target);
        const input = { traceId: span.traceId, spanId: span.spanId, name: op.name, value: op.value, comment: op.comment, metadata: op.metadata };
        attempt(escaped, "score(span)", () => hub.score(input as never));
        attempt(escaped, "score(trace)", () => hub.score({ ...input, spanId: undefined } as never));
        break;
      }
    }
  }
  void root;
}

/** Promise.all of `width` async spans, each nesting `depth` levels across timers. */
async function fanOut(hub: Hub, width: number, depth: number, escaped: string[]): Promise<void> {
  const branch = (level: number): Promise<number> =>
    hub.span(`level-${level}`, async (span) => {
      await sleep(level % 2);
      span.setAttribute("level", level);
      return level >= depth ? level : branch(level + 1);
    });
  try {
    const results = await Promise.all(Array.from({ length: width }, () => branch(1)));
    if (results.some((r) => r !== depth)) escaped.push(`parallel branches returned ${results.join(",")}`);
  } catch (error) {
    escaped.push(`parallel spans threw ${describeThrown(error)}`);
  }
}

/** The user's own error must come back exactly as thrown, sync or async. */
async function userThrow(hub: Hub, value: unknown, async: boolean, escaped: string[]): Promise<void> {
  const marker = { thrown: value };
  try {
    if (async) {
      await hub.span("fails-async", async () => {
        await tick();
        throw marker.thrown;
      });
    } else {
      hub.span("fails", () => {
        throw marker.thrown;
      });
    }
    escaped.push("a user error was swallowed");
  } catch (error) {
    if (!Object.is(error, marker.thrown)) escaped.push(`a user error came back changed: ${describeThrown(error)}`);
  }
}
