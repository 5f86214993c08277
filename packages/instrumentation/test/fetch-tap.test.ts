// The fetch tap on its own: which requests it observes and that it never
// changes what the SDK sends or gets back.
import { useTestHub } from "@tracehub/test-support";
import { describe, expect, it } from "vitest";
import { tapClientFetch } from "../src/http/fetch-tap.js";
import { HttpCall, httpCalls } from "../src/http/http-call.js";

const t = useTestHub();

function fakeClient(answer: (url: unknown) => Promise<Response>) {
  const seen: { url: unknown; init: RequestInit | undefined }[] = [];
  const client = {
    fetch: (url: unknown, init?: RequestInit) => {
      seen.push({ url, init });
      return answer(url);
    },
  };
  return { client, seen };
}

const ok = () => Promise.resolve(new Response("{}", { status: 200 }));

describe("tapClientFetch", () => {
  it("taps once: a second tap (a withOptions clone holding the tapped fetch) adds no layer", () => {
    const { client } = fakeClient(ok);
    expect(tapClientFetch(client)).toBe(true);
    const tapped = client.fetch;
    expect(tapClientFetch(client)).toBe(true);
    expect(client.fetch).toBe(tapped);
    const clone = { fetch: tapped };
    expect(tapClientFetch(clone)).toBe(true);
    expect(clone.fetch).toBe(tapped);
  });

  it("reports a client that holds no fetch", () => {
    expect(tapClientFetch({})).toBe(false);
  });

  it("passes requests outside a traced call, and other endpoints' requests, straight through", async () => {
    const { client, seen } = fakeClient(ok);
    tapClientFetch(client);
    const call = new HttpCall(t.hub.startSpan("x"), "/v1/messages", true);
    const init = { method: "POST", headers: { "x-stainless-retry-count": "0" } };
    const outside = await client.fetch("https://api.example.com/v1/messages", init);
    await httpCalls.run(call, () => client.fetch("https://api.example.com/oauth/token", init));
    expect(outside.status).toBe(200);
    expect(seen.map((s) => s.init)).toEqual([init, init]);
    expect(call.attempts).toBe(0);
  });

  it("records each attempt of the call: retry count from the SDK's header, failed attempts as retry events", async () => {
    let attempt = 0;
    const { client } = fakeClient(() => {
      attempt++;
      if (attempt === 1) return Promise.reject(new TypeError("fetch failed"));
      if (attempt === 2) return Promise.resolve(new Response(null, { status: 503, headers: { "retry-after": "1" } }));
      return Promise.resolve(Response.json({ ok: true }, { headers: { "x-request-id": "r" } }));
    });
    tapClientFetch(client);
    const span = t.hub.startSpan("call");
    const call = new HttpCall(span, "/v1/messages", true);
    const url = "https://api.example.com/v1/messages?beta=true";
    for (let retry = 0; retry < 3; retry++) {
      await httpCalls
        .run(call, () => client.fetch(url, { headers: new Headers({ "x-stainless-retry-count": String(retry) }) }))
        .catch(() => undefined);
    }
    span.end();
    expect(call.attempts).toBe(3);
    expect(call.retryCount).toBe(2);
    expect(call.lastResponse?.status).toBe(200);
    expect(await call.body).toEqual({ ok: true });
    const [recorded] = await t.spans(1);
    expect(recorded!.events.map((event) => event.attributes)).toEqual([
      { "retry.attempt": 1, "error.type": "TypeError" },
      { "retry.attempt": 2, "http.response.status_code": 503, "http.response.header.retry-after": "1" },
    ]);
  });
});
