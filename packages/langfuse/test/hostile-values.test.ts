// Values the Langfuse mapping gets as the caller gave them (model parameters,
// prompt variables, rate limits, event attributes, score metadata) or out of
// any sensible range (times): each must be mapped or dropped, never sink the
// batch. Found by the conformance fuzz suite.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GENERATE, KEYS, score } from "./fixtures.js";
import { createAdapter, ingestionEndpoint, jsonBody, otelEndpoint, type RecordedRequest } from "./helpers.js";
import { decodeProtobufSpans } from "./otlp-proto.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const cyclic = (): Record<string, unknown> => {
  const value: Record<string, unknown> = { name: "loop" };
  value.self = value;
  return value;
};

describe("hostile values in the Langfuse mapping", () => {
  it("over OTLP: a far-future first-token time and BigInt model parameters still send the span", async () => {
    const requests: RecordedRequest[] = [];
    server.use(otelEndpoint(requests));
    const adapter = await createAdapter(KEYS);
    const span = { ...GENERATE, completionStartTime: 1e300, modelParameters: { seed: 10n, loop: cyclic() } };
    await expect(adapter.export({ spans: [span], scores: [] })).resolves.toEqual({ kind: "ok" });
    const [decoded] = decodeProtobufSpans((requests[0] as RecordedRequest).body);
    const attributes = decoded?.attributes ?? {};
    expect(attributes["langfuse.observation.completion_start_time"]).toBe("9999-12-31T23:59:59.999Z");
    expect(JSON.parse(attributes["langfuse.observation.model.parameters"] as string)).toMatchObject({ seed: "10" });
  });

  it("legacy events: odd rate limits, prompt variables and event attributes become JSON-safe metadata", async () => {
    const requests: RecordedRequest[] = [];
    server.use(ingestionEndpoint(requests));
    const adapter = await createAdapter({ ...KEYS, LANGFUSE_INGESTION: "legacy" });
    const span = {
      ...GENERATE,
      startTime: -5,
      rateLimit: { requests: { limit: 5n as never } },
      prompt: { name: "p", version: 1, variables: { big: 2n, loop: cyclic() } },
      events: [{ name: "e", time: 1e300, attributes: { big: 3n } as never }],
    };
    await expect(adapter.export({ spans: [span], scores: [] })).resolves.toEqual({ kind: "ok" });
    const batch = jsonBody(requests[0] as RecordedRequest).batch as any[];
    const generation = batch.find((e) => e.type === "generation-create");
    expect(generation.body.startTime).toBe("1970-01-01T00:00:00.000Z");
    expect(generation.body.metadata.events[0].time).toBe("9999-12-31T23:59:59.999Z");
  });

  it("a score whose metadata holds a BigInt and a cycle is still sent", async () => {
    const requests: RecordedRequest[] = [];
    server.use(ingestionEndpoint(requests));
    const adapter = await createAdapter(KEYS);
    const odd = score("0b8e5c1e-4a8f-4f3e-9d57-3a1c2b4d5e70", { metadata: { big: 1n, loop: cyclic() } });
    await expect(adapter.export({ spans: [], scores: [odd] })).resolves.toEqual({ kind: "ok" });
    const [event] = jsonBody(requests[0] as RecordedRequest).batch as any[];
    expect(event.body.metadata.big).toBe("1");
  });
});
