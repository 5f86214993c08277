// The wrapped client keeps the SDK's types exactly: checked by tsc (the
// package's typecheck includes test/), the runtime assertions are a formality.
import OpenAI, { AzureOpenAI, type APIPromise } from "openai";
import type { Stream } from "openai/streaming";
import OpenAIv4 from "openai-v4";
import { describe, expectTypeOf, it } from "vitest";
import { instrumentOpenAI } from "../src/index.js";

describe("types", () => {
  it("returns the client's own type, with create() overloads and APIPromise helpers intact", () => {
    const openai = instrumentOpenAI(new OpenAI({ apiKey: "sk-test" }));
    expectTypeOf(openai).toEqualTypeOf<OpenAI>();
    expectTypeOf(instrumentOpenAI(new AzureOpenAI({ apiKey: "k", apiVersion: "2024-10-21", endpoint: "https://x.openai.azure.com" }))).toEqualTypeOf<AzureOpenAI>();
    expectTypeOf(instrumentOpenAI(new OpenAIv4({ apiKey: "k" }))).toEqualTypeOf<OpenAIv4>();

    type Create = typeof openai.chat.completions.create;
    type Body = { model: string; messages: OpenAI.ChatCompletionMessageParam[] };
    const unary = (create: Create, body: Body) => create(body);
    const streamed = (create: Create, body: Body) => create({ ...body, stream: true });
    expectTypeOf(unary).returns.toEqualTypeOf<APIPromise<OpenAI.ChatCompletion>>();
    expectTypeOf(streamed).returns.toEqualTypeOf<APIPromise<Stream<OpenAI.ChatCompletionChunk>>>();
    expectTypeOf<ReturnType<typeof unary>["withResponse"]>().returns.resolves.toHaveProperty("response");
    expectTypeOf<ReturnType<typeof unary>["asResponse"]>().returns.resolves.toEqualTypeOf<Response>();
    expectTypeOf<ReturnType<typeof streamed>>().resolves.toHaveProperty("tee");
    expectTypeOf<ReturnType<typeof streamed>>().resolves.toHaveProperty("controller");
  });
});
