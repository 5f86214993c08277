// A minimal client in the shape of a Stainless-generated SDK (openai,
// @anthropic-ai/sdk), enough to drive the shared call mechanics: a `fetch`
// property called for every attempt with `x-stainless-retry-count`, retries on
// 429, an APIPromise with a memoised parse() and asResponse(), Streams built
// from an iterator factory with an AbortController, `withOptions()` clones.
// The vendor side (operation and profile) is what a vendor package supplies.
import {
  STAINLESS_ERROR_CLASSES,
  field,
  modelAndNumericAttributes,
  readRateLimitWindow,
  scalarParameters,
  sdkErrorCategorizer,
  type Operation,
  type SdkProfile,
  type StreamRecorder,
} from "../src/index.js";

export class APIError extends Error {
  constructor(readonly status: number) {
    super(`status ${status}`);
  }
}
export class AuthenticationError extends APIError {}

export class FakeStream {
  readonly controller = new AbortController();
  constructor(public iterator: () => AsyncIterator<unknown>) {}
  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    return this.iterator();
  }
}

export class FakeAPIPromise<T> implements PromiseLike<T> {
  private parsed: Promise<T> | undefined;
  constructor(
    private readonly responsePromise: Promise<Response>,
    private readonly parseBody: (response: Response) => Promise<T>,
  ) {}
  asResponse(): Promise<Response> {
    return this.responsePromise;
  }
  parse(): Promise<T> {
    return (this.parsed ??= this.responsePromise.then(this.parseBody));
  }
  then<A = T, B = never>(onfulfilled?: ((value: T) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.parse().then(onfulfilled, onrejected);
  }
}

export interface FakeClientOptions {
  baseURL?: string;
  maxRetries?: number;
  timeout?: number;
}

export class FakeClient {
  baseURL: string;
  maxRetries: number;
  timeout: number;
  fetch: (url: string, init?: RequestInit) => Promise<Response> = (url, init) => fetch(url, init);
  readonly things = { create: (body: Record<string, unknown>, options?: { timeout?: number }) => this.post("/things", body, options) };

  constructor(options: FakeClientOptions = {}) {
    this.baseURL = options.baseURL ?? "https://api.example.com/v1";
    this.maxRetries = options.maxRetries ?? 0;
    this.timeout = options.timeout ?? 60_000;
  }

  withOptions(options: FakeClientOptions): FakeClient {
    const clone = new FakeClient({ baseURL: this.baseURL, maxRetries: this.maxRetries, timeout: this.timeout, ...options });
    clone.fetch = this.fetch;
    return clone;
  }

  private post(path: string, body: Record<string, unknown>, _options?: { timeout?: number }): FakeAPIPromise<unknown> {
    const response = this.send(path, body);
    return new FakeAPIPromise(response, async (res) => {
      if (body?.stream !== true) return res.json();
      const chunks = (await res.json()) as unknown[];
      const stream: FakeStream = new FakeStream(async function* () {
        for (const chunk of chunks) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (stream.controller.signal.aborted) return;
          yield chunk;
        }
      });
      return stream;
    });
  }

  private async send(path: string, body: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const init = { method: "POST", headers: { "content-type": "application/json", "x-stainless-retry-count": String(attempt) }, body: JSON.stringify(body) };
      const response = await this.fetch(`${this.baseURL}${path}`, init);
      if (response.ok) return response;
      if (response.status === 429 && attempt < this.maxRetries) continue;
      throw response.status === 401 ? new AuthenticationError(401) : new APIError(response.status);
    }
  }
}

/** Streamed chunks: `{ text }` pieces, `{ done: true }` when the model finished, `{ usage }` when asked for. */
class ThingStreamRecorder implements StreamRecorder {
  private text = "";
  private done = false;
  constructor(private readonly injectedUsage: boolean) {}
  get finished(): boolean {
    return this.done;
  }
  onChunk(chunk: unknown): boolean {
    if (typeof field(chunk, "text") === "string") this.text += field(chunk, "text") as string;
    if (field(chunk, "done") === true) this.done = true;
    return !(this.injectedUsage && field(chunk, "usage") !== undefined);
  }
  finish(span: Parameters<StreamRecorder["finish"]>[0]): void {
    span.setOutput(this.text);
  }
}

export const things: Operation = {
  name: "chat",
  kind: "llm",
  path: "/things",
  input: (body) => body.messages,
  streamRequest: (body, injectUsage) => (injectUsage && body.usage === undefined ? { body: { ...body, usage: true }, injectedUsage: true } : { body, injectedUsage: false }),
  recordResponse(span, data, captureContent) {
    span.setAttribute("gen_ai.response.id", field(data, "id") as string);
    if (captureContent) span.setOutput(field(data, "text"));
  },
  streamRecorder: (request) => new ThingStreamRecorder(request.injectedUsage),
};

export const exampleProfile: SdkProfile = {
  serverFromBaseURL(baseURL) {
    const url = new URL(String(baseURL));
    return { provider: "example", address: url.hostname, port: url.port === "" ? 443 : Number(url.port) };
  },
  modelParameters: (body) => scalarParameters(body, ["temperature", "max_tokens", "stream"]),
  requestAttributes: (body, parameters) => modelAndNumericAttributes(body, [["gen_ai.request.temperature", parameters.temperature]]),
  categorizeError: sdkErrorCategorizer({ byClass: STAINLESS_ERROR_CLASSES }),
  headers: {
    parseRateLimit(headers, receivedAt) {
      const requests = readRateLimitWindow(headers, { limit: "x-limit", remaining: "x-remaining", reset: "x-reset" }, receivedAt);
      return requests === undefined ? undefined : { requests };
    },
    requestIdHeader: "x-request-id",
    requestIdAttribute: "example.request.id",
  },
};
