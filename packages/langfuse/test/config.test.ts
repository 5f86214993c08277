// Configuration: the key pair checked before any request, base URL precedence
// (BASE_URL, then BASEURL, then HOST), code over env over defaults, Langfuse's
// environment rules, sampling, and problems that never quote a secret.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, createHub, type ConfigProblem } from "@tracehub/core";
import { resolveLangfuseConfig, sanitizeEnvironment, tracehubAdapter } from "../src/index.js";
import { GENERATE, KEYS, PUBLIC_KEY, ROOT, SECRET_KEY, score, span } from "./fixtures.js";
import { createAdapter, ingestionEndpoint, otelEndpoint, settings, type RecordedRequest } from "./helpers.js";
import { decodeProtobufSpans } from "./otlp-proto.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function problems(env: Record<string, string | undefined>, options?: unknown): ConfigProblem[] {
  const result = resolveLangfuseConfig(options, env);
  return result.ok ? [] : result.problems;
}

function expectNoKeys(list: ConfigProblem[]): void {
  const text = JSON.stringify(list);
  expect(text).not.toContain(SECRET_KEY);
  expect(text).not.toContain(PUBLIC_KEY);
}

describe("the key pair", () => {
  it("accepts a matching pair", () => {
    expect(problems(KEYS)).toEqual([]);
  });

  it("reports swapped keys as one problem, without quoting them", () => {
    const list = problems({ LANGFUSE_PUBLIC_KEY: SECRET_KEY, LANGFUSE_SECRET_KEY: PUBLIC_KEY });
    expect(list).toEqual([
      { source: "LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY", problem: expect.stringContaining("swapped"), fix: expect.stringContaining("Exchange") },
    ]);
    expectNoKeys(list);
  });

  it("reports a missing half of the pair", () => {
    expect(problems({ LANGFUSE_PUBLIC_KEY: PUBLIC_KEY })).toEqual([
      { source: "LANGFUSE_SECRET_KEY", problem: "the Langfuse secret key is not set", fix: expect.stringContaining("sk-lf-") },
    ]);
    expect(problems({ LANGFUSE_SECRET_KEY: SECRET_KEY }).map((p) => p.source)).toEqual(["LANGFUSE_PUBLIC_KEY"]);
  });

  it("reports keys with the wrong prefix, or both keys of one kind", () => {
    const list = problems({ LANGFUSE_PUBLIC_KEY: "lf_pub_123456", LANGFUSE_SECRET_KEY: PUBLIC_KEY });
    expect(list.map((p) => [p.source, p.problem])).toEqual([
      ["LANGFUSE_PUBLIC_KEY", "the Langfuse public key does not start with pk-lf-"],
      ["LANGFUSE_SECRET_KEY", "the Langfuse secret key is a public key (it starts with pk-lf-)"],
    ]);
    expectNoKeys(list);
    expect(problems({ LANGFUSE_PUBLIC_KEY: SECRET_KEY, LANGFUSE_SECRET_KEY: SECRET_KEY }).map((p) => p.problem)).toEqual([
      "the Langfuse public key is a secret key (it starts with sk-lf-)",
    ]);
  });

  it("reports a key with whitespace or non-ASCII characters inside (it could not go into Basic auth)", () => {
    const list = problems(KEYS, { secretKey: "sk-lf-abc\u201d def" });
    expect(list.map((p) => p.problem)).toEqual(["a Langfuse key contains whitespace or non-ASCII characters (often a copy-paste error)"]);
    expect(JSON.stringify(list)).not.toContain("abc");
  });

  it("names the code option as the source when the key came from code", () => {
    const list = problems(KEYS, { secretKey: "pk-lf-oops-0000" });
    expect(list.map((p) => p.source)).toEqual(["adapterOptions.langfuse.secretKey"]);
  });

  it("stops createHub with a ConfigError that lists the problem and never the key", async () => {
    const error = await createHub({
      env: { LANGFUSE_PUBLIC_KEY: SECRET_KEY, LANGFUSE_SECRET_KEY: PUBLIC_KEY },
      adapterFactories: { langfuse: tracehubAdapter },
      registerShutdownHooks: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("swapped");
    expect(message).not.toContain(SECRET_KEY);
    expect(message).not.toContain(PUBLIC_KEY);
  });
});

describe("base URL and other settings", () => {
  const urlOf = (env: Record<string, string>, options?: unknown): string => {
    const result = resolveLangfuseConfig(options, { ...KEYS, LANGFUSE_BASE_URL: undefined, ...env });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.config.baseUrl;
  };

  it("prefers LANGFUSE_BASE_URL, then LANGFUSE_BASEURL, then LANGFUSE_HOST, then Langfuse Cloud; code wins over all", () => {
    const all = { LANGFUSE_BASE_URL: "https://a.test", LANGFUSE_BASEURL: "https://b.test", LANGFUSE_HOST: "https://c.test" };
    expect(urlOf(all)).toBe("https://a.test");
    expect(urlOf({ LANGFUSE_BASEURL: "https://b.test", LANGFUSE_HOST: "https://c.test" })).toBe("https://b.test");
    expect(urlOf({ LANGFUSE_HOST: "https://c.test/" })).toBe("https://c.test");
    expect(urlOf({ LANGFUSE_BASE_URL: "  " , LANGFUSE_HOST: "http://localhost:3000" })).toBe("http://localhost:3000");
    expect(urlOf({})).toBe("https://cloud.langfuse.com");
    expect(urlOf(all, { baseUrl: "https://code.test//" })).toBe("https://code.test");
  });

  it("reports a base URL that is not http(s), naming the variable it came from", () => {
    expect(problems({ ...KEYS, LANGFUSE_BASE_URL: undefined, LANGFUSE_HOST: "cloud.langfuse.com" })).toEqual([
      { source: "LANGFUSE_HOST", problem: "LANGFUSE_HOST is not an http:// or https:// URL", fix: expect.stringContaining("https://cloud.langfuse.com") },
    ]);
  });

  it("reads release, environment, sample rate, ingestion mode and timeout from the environment; code wins", () => {
    const env = {
      ...KEYS,
      LANGFUSE_RELEASE: "r-env",
      LANGFUSE_TRACING_ENVIRONMENT: "Staging",
      LANGFUSE_SAMPLE_RATE: "0.25",
      LANGFUSE_INGESTION: "LEGACY",
      LANGFUSE_TIMEOUT: "3",
    };
    const fromEnv = resolveLangfuseConfig(undefined, env);
    expect(fromEnv.ok && fromEnv.config).toMatchObject({ release: "r-env", environment: "staging", sampleRate: 0.25, ingestion: "legacy", timeoutMs: 3000 });
    const fromCode = resolveLangfuseConfig({ release: "r-code", environment: "prod", sampleRate: 1, ingestion: "otel", timeoutMs: 500 }, env);
    expect(fromCode.ok && fromCode.config).toMatchObject({ release: "r-code", environment: "prod", sampleRate: 1, ingestion: "otel", timeoutMs: 500 });
  });

  it("reports bad environment values and unknown or invalid options together", () => {
    const list = problems({ ...KEYS, LANGFUSE_SAMPLE_RATE: "half", LANGFUSE_INGESTION: "grpc" }, { sampleRate: 2, baseURL: "x" });
    expect(list.map((p) => p.source).sort()).toEqual([
      "LANGFUSE_INGESTION",
      "LANGFUSE_SAMPLE_RATE",
      "adapterOptions.langfuse.baseURL",
      "adapterOptions.langfuse.sampleRate",
    ]);
  });

  it("is detected by LANGFUSE_PUBLIC_KEY alone", () => {
    expect(tracehubAdapter.name).toBe("langfuse");
    expect(tracehubAdapter.detect({ LANGFUSE_PUBLIC_KEY: PUBLIC_KEY })).toBe(true);
    expect(tracehubAdapter.detect({ LANGFUSE_PUBLIC_KEY: " " })).toBe(false);
    expect(tracehubAdapter.detect({ LANGFUSE_SECRET_KEY: SECRET_KEY })).toBe(false);
  });
});

describe("environment names", () => {
  it("follows Langfuse's rules: lowercase, [a-z0-9-_], 40 characters, no langfuse prefix", () => {
    expect(sanitizeEnvironment("production")).toBe("production");
    expect(sanitizeEnvironment("Production EU")).toBe("production-eu");
    expect(sanitizeEnvironment("staging/v2.1")).toBe("staging-v2-1");
    expect(sanitizeEnvironment("langfuse-internal")).toBe("internal");
    expect(sanitizeEnvironment("LangfuseLangfuse_dev")).toBe("dev");
    expect(sanitizeEnvironment("a".repeat(50))).toBe("a".repeat(40));
    expect(sanitizeEnvironment("  ")).toBeUndefined();
    expect(sanitizeEnvironment("langfuse")).toBeUndefined();
    expect(sanitizeEnvironment("ünïcode")).toBe("n-code");
  });

  it("notes a sanitised configured environment in the debug log", async () => {
    const s = settings();
    await createAdapter({ ...KEYS, LANGFUSE_TRACING_ENVIRONMENT: "Langfuse Prod" }, undefined, s);
    expect(s.lines).toEqual([expect.stringMatching(/^debug langfuse: environment "Langfuse Prod" sanitised to "prod"/)]);
  });

  it("drops an environment with nothing usable, so Langfuse's default applies, and notes it once", async () => {
    const requests: RecordedRequest[] = [];
    server.use(otelEndpoint(requests));
    const s = settings();
    const adapter = await createAdapter(KEYS, undefined, s);
    await adapter.export({ spans: [{ ...ROOT, context: { ...ROOT.context, environment: "langfuse" } }], scores: [] });
    await adapter.export({ spans: [{ ...ROOT, context: { ...ROOT.context, environment: "langfuse" } }], scores: [] });
    const [decoded] = decodeProtobufSpans((requests[0] as RecordedRequest).body);
    expect(decoded?.attributes["langfuse.environment"]).toBeUndefined();
    expect(s.lines).toEqual([expect.stringMatching(/^debug langfuse: environment "langfuse" has no characters Langfuse allows/)]);
  });
});

describe("LANGFUSE_SAMPLE_RATE", () => {
  it("keeps or drops whole traces (spans and scores together), by trace id", async () => {
    const otel: RecordedRequest[] = [];
    const ingestion: RecordedRequest[] = [];
    server.use(otelEndpoint(otel), ingestionEndpoint(ingestion));
    const adapter = await createAdapter({ ...KEYS, LANGFUSE_SAMPLE_RATE: "0.5" });
    // The last 8 hex digits decide: 0x00000001 is kept at 0.5, 0xffffffff is not.
    const kept = "aaaaaaaaaaaaaaaaaaaaaaaa00000001";
    const dropped = "aaaaaaaaaaaaaaaaaaaaaaaaffffffff";
    const result = await adapter.export({
      spans: [span("0000000000000401", { traceId: kept }), span("0000000000000402", { traceId: dropped })],
      scores: [score("s-kept", { traceId: kept }), score("s-dropped", { traceId: dropped, spanId: GENERATE.spanId })],
    });
    expect(result).toEqual({ kind: "ok" });
    expect(decodeProtobufSpans((otel[0] as RecordedRequest).body).map((s) => s.traceId)).toEqual([kept]);
    expect(JSON.parse(new TextDecoder().decode((ingestion[0] as RecordedRequest).body)).batch.map((e: any) => e.body.id)).toEqual(["s-kept"]);
  });
});
