// The wrapped client keeps the SDK's types exactly (checked by tsc: the package's typecheck includes test/).
import Anthropic from "@anthropic-ai/sdk";
import type { APIPromise } from "@anthropic-ai/sdk/core/api-promise";
import type { Stream } from "@anthropic-ai/sdk/core/streaming";
import { describe, expectTypeOf, it } from "vitest";
import { instrumentAnthropic } from "../src/index.js";

describe("types", () => {
  it("returns the client's own type, with create() overloads and APIPromise helpers intact", () => {
    const anthropic = instrumentAnthropic(new Anthropic({ apiKey: "k" }));
    expectTypeOf(anthropic).toEqualTypeOf<Anthropic>();
    type Create = typeof anthropic.messages.create;
    type Body = { model: string; max_tokens: number; messages: Anthropic.MessageParam[] };
    const unary = (create: Create, body: Body) => create(body);
    const streamed = (create: Create, body: Body) => create({ ...body, stream: true });
    expectTypeOf(unary).returns.toEqualTypeOf<APIPromise<Anthropic.Message>>();
    expectTypeOf(streamed).returns.toEqualTypeOf<APIPromise<Stream<Anthropic.RawMessageStreamEvent>>>();
    expectTypeOf<ReturnType<typeof unary>["asResponse"]>().returns.resolves.toEqualTypeOf<Response>();
  });
});
