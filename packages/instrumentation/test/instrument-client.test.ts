// The shared call mechanics end to end: a Stainless-shaped client (fake-sdk.ts)
// against an msw-mocked API (test-support), instrumented with a vendor profile
// and operation.
import { useMockedVendorApi } from "@tracehub/test-support";
import { describe, expect, it } from "vitest";
import { instrumentClient, traceCreate, type TraceSettings } from "../src/index.js";
import { FakeClient, FakeStream, exampleProfile, things, type FakeClientOptions } from "./fake-sdk.js";

const URL = "https://api.example.com/v1/things";
const HEADERS = { "x-request-id": "req_1", "x-limit": "100", "x-remaining": "99", "x-reset": "2s" };
const { received, tracing: t, replyTo } = useMockedVendorApi();

const MARKER = Symbol("test.instrumented");

function instrument(client: FakeClient, settings: Partial<TraceSettings> = {}): FakeClient {
  return instrumentClient(client, MARKER, (sdk) => {
    const resolved: TraceSettings = { hub: t.hub, captureContent: true, provider: undefined, attributes: { "app.name": "demo" }, ...settings };
    traceCreate(sdk.things, things, { client: sdk, profile: exampleProfile, settings: resolved });
  });
}

const client = (options: FakeClientOptions = {}, settings: Partial<TraceSettings> = {}) => instrument(new FakeClient(options), settings);
const ask = { model: "m-1", messages: [{ role: "user", content: "hi" }], temperature: 0.5 };

describe("a non-streamed call", () => {
  it("leaves request and result untouched and records the span from request, headers and parsed body", async () => {
    replyTo(URL, () => Response.json({ id: "thing-1", text: "hello" }, { headers: HEADERS }));
    const result = await client({ timeout: 5_000 }).things.create(ask);
    expect(result).toEqual({ id: "thing-1", text: "hello" });
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toEqual(ask);

    const [span] = await t.spans(1);
    expect(span).toMatchObject({
      name: "chat m-1",
      kind: "llm",
      status: "ok",
      model: "m-1",
      provider: "example",
      modelParameters: { temperature: 0.5 },
      input: ask.messages,
      output: "hello",
      retryCount: 0,
      timeoutMs: 5_000,
      rateLimit: { requests: { limit: 100, remaining: 99, resetAt: expect.any(Number) } },
    });
    expect(span!.attributes).toMatchObject({
      "app.name": "demo",
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "example",
      "gen_ai.system": "example",
      "gen_ai.request.model": "m-1",
      "gen_ai.request.temperature": 0.5,
      "gen_ai.response.id": "thing-1",
      "server.address": "api.example.com",
      "server.port": 443,
      "http.response.status_code": 200,
      "example.request.id": "req_1",
    });
  });

  it("reads a copy of the body when the caller only takes the raw response, which stays readable", async () => {
    replyTo(URL, () => Response.json({ id: "thing-2", text: "raw" }));
    const response = await (client().things.create(ask) as unknown as { asResponse(): Promise<Response> }).asResponse();
    expect(await response.json()).toEqual({ id: "thing-2", text: "raw" });
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", output: "raw" });
  });

  it("records nothing of the content when captureContent is off", async () => {
    replyTo(URL, () => Response.json({ id: "thing-3", text: "secret" }));
    await client({}, { captureContent: false }).things.create(ask);
    const [span] = await t.spans(1);
    expect(span!.input).toBeUndefined();
    expect(span!.output).toBeUndefined();
  });

  it("keeps concurrent calls on one client apart", async () => {
    replyTo(URL, async (request) => {
      const id = request.body.model as string;
      await new Promise((resolve) => setTimeout(resolve, id === "a" ? 10 : 1));
      return Response.json({ id, text: id }, { headers: { "x-request-id": `req_${id}` } });
    });
    const c = client();
    await Promise.all([c.things.create({ ...ask, model: "a" }), c.things.create({ ...ask, model: "b" })]);
    const spans = await t.spans(2);
    for (const id of ["a", "b"]) {
      const span = spans.find((s) => s.model === id);
      expect(span!.attributes).toMatchObject({ "gen_ai.response.id": id, "example.request.id": `req_${id}` });
    }
  });
});

describe("retries and errors", () => {
  it("counts the SDK's retries and records each failed attempt as a retry event", async () => {
    let attempt = 0;
    replyTo(URL, () =>
      attempt++ === 0 ? new Response(null, { status: 429, headers: { "retry-after": "0" } }) : Response.json({ id: "thing-4", text: "ok" }),
    );
    await client({ maxRetries: 1 }).things.create(ask);
    expect(received.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", retryCount: 1 });
    expect(span!.events).toEqual([
      expect.objectContaining({ name: "retry", attributes: { "retry.attempt": 1, "http.response.status_code": 429, "http.response.header.retry-after": "0" } }),
    ]);
  });

  it("ends the span with the SDK's error, categorised by the profile, and rethrows it unchanged", async () => {
    replyTo(URL, () => Response.json({ error: "bad key" }, { status: 401, headers: { "x-request-id": "req_401" } }));
    await expect(client().things.create(ask)).rejects.toMatchObject({ name: "Error", status: 401 });
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", error: { category: "auth" } });
    expect(span!.attributes).toMatchObject({ "http.response.status_code": 401, "example.request.id": "req_401" });
  });

  it("records a 429 that outlasts the retries with its retry-after", async () => {
    replyTo(URL, () => Response.json({}, { status: 429, headers: { "retry-after": "7" } }));
    await expect(client().things.create(ask)).rejects.toMatchObject({ status: 429 });
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", error: { category: "rate_limit" } });
    expect(span!.attributes["http.response.header.retry-after"]).toBe("7");
  });
});

describe("a streamed call", () => {
  const chunks = [{ text: "Hel" }, { text: "lo" }, { done: true }, { usage: { input: 3, output: 2 } }];

  it("sends the operation's stream body, hides the chunk the wrapper asked for and ends the span when the stream does", async () => {
    replyTo(URL, () => Response.json(chunks, { headers: { "x-request-id": "req_s" } }));
    const stream = (await client().things.create({ ...ask, stream: true })) as FakeStream;
    expect(stream).toBeInstanceOf(FakeStream);
    expect(received[0]!.body).toEqual({ ...ask, stream: true, usage: true });
    const got: unknown[] = [];
    for await (const chunk of stream) got.push(chunk);
    expect(got).toEqual(chunks.slice(0, 3));
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", output: "Hello", modelParameters: { stream: true } });
    expect(span!.attributes).toMatchObject({ "http.response.status_code": 200, "example.request.id": "req_s" });
  });

  it("records a stream the consumer abandons before the model finished as cancelled, with the partial output", async () => {
    replyTo(URL, () => Response.json(chunks));
    const stream = (await client().things.create({ ...ask, stream: true })) as FakeStream;
    for await (const chunk of stream) {
      expect(chunk).toEqual({ text: "Hel" });
      break;
    }
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", error: { category: "cancelled", type: "StreamAbandoned" }, output: "Hel" });
  });

  it("does not ask for usage when the settings say not to", async () => {
    replyTo(URL, () => Response.json(chunks));
    const stream = (await client({}, { streamUsage: false }).things.create({ ...ask, stream: true })) as FakeStream;
    const got: unknown[] = [];
    for await (const chunk of stream) got.push(chunk);
    expect(received[0]!.body).toEqual({ ...ask, stream: true });
    expect(got).toEqual(chunks);
  });
});

describe("instrumentClient", () => {
  it("instruments a client once, however often it is called, and instruments withOptions() clones", async () => {
    replyTo(URL, () => Response.json({ id: "x", text: "x" }));
    const c = instrument(instrument(new FakeClient()));
    expect(c).toBeInstanceOf(FakeClient);
    await c.things.create(ask);
    await c.withOptions({ timeout: 1_000 }).things.create(ask);
    const spans = await t.spans(2);
    expect(spans).toHaveLength(2);
    expect(spans.map((s) => s.retryCount)).toEqual([0, 0]);
    expect(spans[1]).toMatchObject({ timeoutMs: 1_000 });
  });

  it("lets calls it cannot trace (no body object) through to the SDK untraced", async () => {
    replyTo(URL, () => Response.json({ id: "x", text: "x" }));
    const c = client();
    await (c.things.create as (body: unknown) => PromiseLike<unknown>)(undefined);
    await t.hub.flush();
    expect(t.memory.spans).toHaveLength(0);
  });

  it("never throws for a client it cannot instrument", () => {
    const frozen = Object.freeze({ things: Object.freeze({ create: () => 1 }) });
    expect(instrumentClient(frozen, MARKER, () => {})).toBe(frozen);
  });
});
