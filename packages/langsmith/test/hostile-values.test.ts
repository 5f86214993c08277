// Values the LangSmith mapping gets as the caller gave them (event
// attributes, prompt fields, score metadata) or out of range (times), and a
// server that redirects: each run and feedback record must still be valid,
// and the API key must never follow a redirect. Found by the conformance fuzz
// suite and secret scan.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { ENDPOINT, INFO_DEFAULT, jsonBody, makeAdapter, recordRequest, runsFromMultipart, score, span, type RecordedRequest } from "./helpers.js";

const OTHER_HOST = "https://elsewhere.test";
const requests: RecordedRequest[] = [];
const elsewhere: RecordedRequest[] = [];
let redirect = false;
const server = setupServer(
  http.get(`${ENDPOINT}/info`, () => HttpResponse.json(INFO_DEFAULT)),
  http.post(`${ENDPOINT}/*`, async ({ request }) => {
    requests.push(await recordRequest(request));
    if (redirect) return new HttpResponse(null, { status: 307, headers: { location: `${OTHER_HOST}/runs/multipart` } });
    return HttpResponse.json({}, { status: 202 });
  }),
  http.all(`${OTHER_HOST}/*`, async ({ request }) => {
    elsewhere.push(await recordRequest(request));
    return HttpResponse.json({}, { status: 202 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  requests.length = 0;
  elsewhere.length = 0;
  redirect = false;
});
afterAll(() => server.close());

const cyclic = (): Record<string, unknown> => {
  const value: Record<string, unknown> = { name: "loop" };
  value.self = value;
  return value;
};

describe("hostile values in the LangSmith mapping", () => {
  it("a run with BigInt event attributes, an object prompt version and a far-future start is still sent, with valid times", async () => {
    const odd = span("00000000000000b0", {
      startTime: 1e300,
      endTime: 1e300,
      events: [{ name: "e", time: 1e300, attributes: { big: 3n, loop: cyclic() } as never }],
      prompt: { name: "p", version: { major: 1n } as never },
    });
    const adapter = makeAdapter();
    await expect(adapter.export({ spans: [odd], scores: [] })).resolves.toEqual({ kind: "ok" });
    const [run] = Object.values(runsFromMultipart(requests[0] as RecordedRequest)) as [Record<string, any>];
    expect(run.start_time).toBe("9999-12-31T23:59:59.999000Z");
    expect(run.dotted_order).toMatch(/^99991231T235959999000Z[0-9a-f-]{36}$/);
    expect(run.events[0].kwargs.big).toBe("3");
    expect(run.extra.metadata.prompt_version).toEqual({ major: "1" });
  });

  it("feedback whose score metadata holds a BigInt and a cycle is still posted", async () => {
    const adapter = makeAdapter();
    const root = span("00000000000000c0");
    adapter.onStart(root);
    const result = await adapter.export({ spans: [], scores: [score({ name: "q", value: 1, metadata: { big: 1n, loop: cyclic() } })] });
    expect(result).toEqual({ kind: "ok" });
    const feedback = jsonBody(requests[0] as RecordedRequest) as Record<string, any>;
    expect(feedback.trace_id).toBeDefined();
    expect(feedback.feedback_source.metadata.big).toBe("1");
  });

  it("a redirect is reported, not followed: the API key never reaches the other host", async () => {
    redirect = true;
    const result = await makeAdapter().export({ spans: [span("00000000000000d0")], scores: [] });
    expect(result.kind).toBe("fail");
    expect(JSON.stringify(result)).toContain("redirect");
    expect(elsewhere).toEqual([]);
  });
});
