// The unit of work every contender performs per span, with the same data in
// each library's own terms: a span named "llm-call" (an LLM call), 10
// attributes with numeric values, token usage 812 in / 95 out / 907 total, end.
export const SPAN_NAME = "llm-call";
export const ATTRIBUTE_KEYS = Array.from({ length: 10 }, (_, i) => `app.attribute_${i}`);
export const USAGE = { input: 812, output: 95, total: 907 };

/** `n` spans through a tracehub hub: start, 10 attributes, usage, end. Synchronous, like the API. */
export function produceTracehubSpans(hub, n, offset = 0) {
  for (let i = offset; i < offset + n; i++) {
    const span = hub.startSpan(SPAN_NAME, { kind: "llm" });
    for (let a = 0; a < 10; a++) span.setAttribute(ATTRIBUTE_KEYS[a], i + a);
    span.setUsage(USAGE);
    span.end();
  }
}

/** The 10 attributes as one object, for the APIs that take metadata at creation (Langfuse, LangSmith). */
export function attributeObject(i) {
  const metadata = {};
  for (let a = 0; a < 10; a++) metadata[ATTRIBUTE_KEYS[a]] = i + a;
  return metadata;
}

/** Fake credentials for the loopback mocks: never real keys. */
export const BENCH_KEYS = Object.freeze({
  langfusePublic: "pk-lf-bench-0000",
  langfuseSecret: "sk-lf-bench-0000",
  langsmith: "lsv2_pt_bench_0000",
});
