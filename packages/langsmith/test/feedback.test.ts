// Scores → POST /feedback on the run the score is about.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { feedbackIdFor, runIdFor } from "../src/index.js";
import { API_KEY, ENDPOINT, INFO_DEFAULT, jsonBody, makeAdapter, recordRequest, score, span, T0, TRACE_ID, type RecordedRequest } from "./helpers.js";

const requests: RecordedRequest[] = [];
let feedbackStatus = 201;
const server = setupServer(
  http.get(`${ENDPOINT}/info`, () => HttpResponse.json(INFO_DEFAULT)),
  http.post(`${ENDPOINT}/runs/multipart`, async ({ request }) => {
    requests.push(await recordRequest(request));
    return HttpResponse.json({}, { status: 202 });
  }),
  http.post(`${ENDPOINT}/feedback`, async ({ request }) => {
    requests.push(await recordRequest(request));
    return HttpResponse.json({ detail: feedbackStatus === 201 ? "created" : "feedback already exists" }, { status: feedbackStatus });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  requests.length = 0;
  feedbackStatus = 201;
});
afterAll(() => server.close());

const ROOT = span("00000000000000a0", { startTime: T0 });
const CHILD = span("00000000000000a1", { parentSpanId: "00000000000000a0", startTime: T0 + 5 });
const ROOT_RUN = runIdFor(TRACE_ID, "00000000000000a0", T0);
const CHILD_RUN = runIdFor(TRACE_ID, "00000000000000a1", T0 + 5);

function started() {
  const adapter = makeAdapter();
  adapter.onStart(ROOT);
  adapter.onStart(CHILD);
  return adapter;
}

describe("scores → POST /feedback", () => {
  it("posts a numeric score on the span's run, with the score id as feedback id", async () => {
    const result = await started().export({
      spans: [],
      scores: [score({ name: "relevance", value: 0.82, spanId: "00000000000000a1", comment: "good", source: "evaluator", metadata: { judge: "gpt" } })],
    });
    expect(result).toEqual({ kind: "ok" });
    const [request] = requests as [RecordedRequest];
    expect(`${request.method} ${request.path}`).toBe("POST /feedback");
    expect(request.headers["x-api-key"]).toBe(API_KEY);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(jsonBody(request)).toEqual({
      id: "0b9c4c9e-6f0e-4a38-9d3c-2d1f4f3a1b20",
      run_id: CHILD_RUN,
      trace_id: ROOT_RUN,
      key: "relevance",
      score: 0.82,
      comment: "good",
      feedback_source: { type: "model", metadata: { judge: "gpt" } },
    });
  });

  it("puts a trace-level score on the root run; booleans as score, text as value", async () => {
    const adapter = started();
    await adapter.export({
      spans: [],
      scores: [
        score({ id: "thumbs-1", name: "thumbs_up", value: true, source: "user" }),
        score({ id: "label-1", name: "label", value: "off-topic" }),
      ],
    });
    expect(requests.map(jsonBody)).toEqual([
      { id: feedbackIdFor("thumbs-1"), run_id: ROOT_RUN, trace_id: ROOT_RUN, key: "thumbs_up", score: true, feedback_source: { type: "app", metadata: {} } },
      { id: feedbackIdFor("label-1"), run_id: ROOT_RUN, trace_id: ROOT_RUN, key: "label", value: "off-topic", feedback_source: { type: "api", metadata: {} } },
    ]);
    expect(feedbackIdFor("thumbs-1")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("counts 409 (feedback already stored) as delivered", async () => {
    feedbackStatus = 409;
    expect(await started().export({ spans: [], scores: [score({ name: "x", value: 1 })] })).toEqual({ kind: "ok" });
  });

  it("sends runs before feedback in one export, and finds runs exported in the same batch", async () => {
    const adapter = makeAdapter(); // no onStart: the batch itself introduces the spans
    const result = await adapter.export({ spans: [CHILD, ROOT], scores: [score({ name: "x", value: 1, spanId: "00000000000000a1" })] });
    expect(result).toEqual({ kind: "ok" });
    expect(requests.map((r) => r.path)).toEqual(["/runs/multipart", "/feedback"]);
    expect(jsonBody(requests[1] as RecordedRequest)).toMatchObject({ run_id: CHILD_RUN, trace_id: ROOT_RUN });
  });

  it("rejects a score for a span it never saw, with the reason, and delivers the rest", async () => {
    const result = await started().export({
      spans: [],
      scores: [score({ id: "s-unknown", name: "x", value: 1, spanId: "00000000000000ff" }), score({ name: "y", value: 2 })],
    });
    expect(result).toEqual({
      kind: "partial",
      rejected: [{ id: "s-unknown", retryable: false, reason: expect.stringContaining("span 00000000000000ff, which this process has not traced") }],
    });
    expect(requests).toHaveLength(1);
  });

  it("drops scores of traces sampled out by LANGSMITH_TRACING_SAMPLING_RATE (reported delivered, nothing sent)", async () => {
    const adapter = makeAdapter({}, { LANGSMITH_TRACING_SAMPLING_RATE: "0" });
    adapter.onStart(ROOT);
    expect(await adapter.export({ spans: [ROOT], scores: [score({ name: "x", value: 1 })] })).toEqual({ kind: "ok" });
    expect(requests).toHaveLength(0);
  });
});
