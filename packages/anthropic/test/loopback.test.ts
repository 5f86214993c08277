// The real transport: the Anthropic SDK's own fetch against a node:http server
// on 127.0.0.1, including what msw cannot show (a client closing the stream).
import Anthropic from "@anthropic-ai/sdk";
import { useLoopbackServer, useTestHub, writeSse } from "@tracehub/test-support";
import { describe, expect, it } from "vitest";
import { instrumentAnthropic } from "../src/index.js";
import { MESSAGE, streamEvents } from "./fixtures.js";
import { RATE_LIMIT_HEADERS, typedEvents } from "./helpers.js";

const t = useTestHub();
const server = useLoopbackServer(() => {
  let attempts = 0;
  return async ({ body }, res) => {
    if (body.model === "flaky" && attempts++ === 0) {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1", "retry-after-ms": "5" });
      res.end(JSON.stringify({ type: "error", error: { type: "rate_limit_error", message: "slow down" } }));
      return;
    }
    if (body.stream !== true) {
      res.writeHead(200, { "content-type": "application/json", ...RATE_LIMIT_HEADERS });
      res.end(JSON.stringify(MESSAGE));
      return;
    }
    await writeSse(res, typedEvents(streamEvents("text", ["a", "b", "c", "d", "e"])), { done: false });
  };
});

const client = (maxRetries = 0) => instrumentAnthropic(new Anthropic({ apiKey: "sk-ant-local", baseURL: server.baseURL, maxRetries }), { hub: t.hub });
const messages: Anthropic.MessageParam[] = [{ role: "user", content: "x" }];

describe("against a loopback server", () => {
  it("traces a call over the real transport", async () => {
    await client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages });
    expect(server.requests[0]).toMatchObject({ method: "POST", url: "/v1/messages" });
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ provider: "local", status: "ok", usage: { input: 7100, cacheRead: 5000, cacheWrite: 2000 }, retryCount: 0 });
    expect(span!.rateLimit?.outputTokens?.remaining).toBe(19000);
  });

  it("retries a 429 with a JSON body and retry-after, then records retry count 1", async () => {
    await client(2).messages.create({ model: "flaky", max_tokens: 10, messages });
    expect(server.requests.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", retryCount: 1 });
    expect(span!.events[0]!.attributes).toMatchObject({ "http.response.status_code": 429, "http.response.header.retry-after": "1" });
  });

  it("ends a stream abandoned with break: partial output, cancelled, connection closed", async () => {
    const stream = await client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages, stream: true });
    let count = 0;
    // message_start, content_block_start, then two text deltas.
    for await (const _ of stream) if (++count === 4) break;
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "error", output: { role: "assistant", content: [{ type: "text", text: "ab" }] } });
    expect(span!.error).toMatchObject({ category: "cancelled", type: "StreamAbandoned" });
    // Prompt usage from message_start is kept even though message_delta never came.
    expect(span!.usage).toMatchObject({ input: 3012, cacheRead: 3000 });
    await expect.poll(() => server.closedEarly()).toBe(true);
  });

  it("ends a stream aborted through stream.controller as cancelled", async () => {
    const stream = await client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages, stream: true });
    let count = 0;
    for await (const _ of stream) if (++count === 3) stream.controller.abort();
    expect(count).toBe(3);
    const [span] = await t.spans(1);
    expect(span!.error).toMatchObject({ category: "cancelled", type: "APIUserAbortError" });
  });

  it("counts a stream left after message_delta's stop reason as complete", async () => {
    const stream = await client().messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 10, messages, stream: true });
    for await (const event of stream) if (event.type === "message_delta") break;
    const [span] = await t.spans(1);
    expect(span).toMatchObject({ status: "ok", usage: { output: 25 } });
  });
});
