// The adapter factory: detection, the OTEL_EXPORTER_OTLP_* variables exactly
// as OpenTelemetry defines them, precedence code > env > defaults, and config
// problems that never quote a header value. Ends with createHub end to end.
import { ConfigError, createHub } from "@tracehub/core";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveOtlpConfig, tracehubAdapter } from "../src/index.js";
import { decodedSpans, decodeRequest } from "./otlp-proto.js";
import { requestBytes, settings } from "./helpers.js";

const SECRET = "sk-live-secret-value-42";

function resolve(env: Record<string, string>, options?: unknown, serviceName = "unknown_service:node") {
  return resolveOtlpConfig(options, env, { serviceName });
}

function config(env: Record<string, string>, options?: unknown, serviceName?: string) {
  const result = resolve(env, options, serviceName);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

function problems(env: Record<string, string>, options?: unknown) {
  const result = resolve(env, options);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("detect", () => {
  it("is enabled by OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", () => {
    expect(tracehubAdapter.name).toBe("otlp");
    expect(tracehubAdapter.detect({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318" })).toBe(true);
    expect(tracehubAdapter.detect({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c:4318/v1/traces" })).toBe(true);
    expect(tracehubAdapter.detect({ OTEL_EXPORTER_OTLP_ENDPOINT: "  " })).toBe(false);
    expect(tracehubAdapter.detect({ OTEL_EXPORTER_OTLP_HEADERS: "a=b" })).toBe(false);
  });
});

describe("environment", () => {
  it("uses the defaults when nothing is set", () => {
    expect(config({})).toMatchObject({
      url: "http://localhost:4318/v1/traces",
      protocol: "http/protobuf",
      compression: "none",
      timeoutMs: 10_000,
      headers: {},
      scoreEvents: true,
      limits: { maxBatchItems: 512, maxBatchBytes: 4 * 1024 * 1024, concurrency: 2 },
    });
  });

  it("appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT and uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is", () => {
    expect(config({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318" }).url).toBe("http://c:4318/v1/traces");
    expect(config({ OTEL_EXPORTER_OTLP_ENDPOINT: "https://c.example/otel/" }).url).toBe("https://c.example/otel/v1/traces");
    expect(
      config({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://ignored:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://c.example/custom" }).url,
    ).toBe("https://c.example/custom");
  });

  it("reads protocol, compression and timeout, the traces-specific variable first", () => {
    const c = config({
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_EXPORTER_OTLP_COMPRESSION: "none",
      OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: "GZIP",
      OTEL_EXPORTER_OTLP_TIMEOUT: "2500",
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: "3000",
    });
    expect([c.protocol, c.compression, c.timeoutMs]).toEqual(["http/json", "gzip", 3000]);
  });

  it("parses headers: URL-decoded values, lower-case names, traces-specific ones override", () => {
    const c = config({
      OTEL_EXPORTER_OTLP_HEADERS: ` Authorization = Basic%20cGs6c2s= , x-tenant=a%2Cb,, `,
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: "x-tenant=traces",
    });
    expect(c.headers).toEqual({ authorization: "Basic cGs6c2s=", "x-tenant": "traces" });
  });

  it("reads OTEL_RESOURCE_ATTRIBUTES; the hub's service name wins unless it is only the default", () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: "service.name=from-attrs,deployment.region=eu%2Dwest" };
    expect(config(env).resource).toEqual({ "service.name": "from-attrs", "deployment.region": "eu-west" });
    expect(config(env, undefined, "checkout").resource).toEqual({ "service.name": "checkout", "deployment.region": "eu-west" });
  });

  it("reports every bad value at once, never quoting header values or URLs", () => {
    const found = problems({
      OTEL_EXPORTER_OTLP_ENDPOINT: `ftp://user:${SECRET}@c`,
      OTEL_EXPORTER_OTLP_PROTOCOL: "grpc",
      OTEL_EXPORTER_OTLP_COMPRESSION: "brotli",
      OTEL_EXPORTER_OTLP_TIMEOUT: "10s",
      OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer ${SECRET},${SECRET},x-bad=%E0%A4%A,bad name=x`,
      OTEL_RESOURCE_ATTRIBUTES: "novalue",
    });
    expect(found.map((p) => p.source)).toEqual([
      "OTEL_EXPORTER_OTLP_ENDPOINT",
      "OTEL_EXPORTER_OTLP_PROTOCOL",
      "OTEL_EXPORTER_OTLP_COMPRESSION",
      "OTEL_EXPORTER_OTLP_TIMEOUT",
      "OTEL_EXPORTER_OTLP_HEADERS",
      "OTEL_EXPORTER_OTLP_HEADERS",
      "OTEL_EXPORTER_OTLP_HEADERS",
      "OTEL_RESOURCE_ATTRIBUTES",
    ]);
    const text = JSON.stringify(found);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("%E0");
    expect(found[1]?.fix).toContain("http/protobuf");
    expect(found[1]?.problem).toContain("grpc");
    expect(found[2]?.problem).toContain('"brotli"');
    expect(found[3]?.problem).toContain('"10s"');
    expect(found[4]?.problem).toBe("OTEL_EXPORTER_OTLP_HEADERS entry 2 is not a valid header key=value pair");
    expect(found[5]?.problem).toBe('OTEL_EXPORTER_OTLP_HEADERS entry 3 ("x-bad"): its value is not valid URL encoding (value hidden)');
    expect(found[6]?.problem).toBe("OTEL_EXPORTER_OTLP_HEADERS entry 4 is not a valid header key=value pair");
  });

  it("reads the environment only where code does not decide", () => {
    const c = config(
      { OTEL_EXPORTER_OTLP_ENDPOINT: "http://env:4318", OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_HEADERS: "a=env,b=env" },
      { endpoint: "http://code:4318", protocol: "http/protobuf", headers: { A: "code" }, timeoutMs: 500, compression: "gzip" },
    );
    expect(c).toMatchObject({ url: "http://code:4318/v1/traces", protocol: "http/protobuf", headers: { a: "code", b: "env" }, timeoutMs: 500, compression: "gzip" });
    expect(config({}, { url: "http://code:4318/as/is", endpoint: "http://ignored" }).url).toBe("http://code:4318/as/is");
  });
});

describe("code options", () => {
  it("refuses bad values and unknown keys without quoting them", () => {
    const found = problems({}, { url: `http//${SECRET}`, protocol: "grpc", timeoutMs: -1, headers: { authorization: 42 }, concurrency: 0, colour: true });
    expect(found.map((p) => p.source).sort()).toEqual([
      "adapterOptions.otlp.colour",
      "adapterOptions.otlp.concurrency",
      "adapterOptions.otlp.headers",
      "adapterOptions.otlp.protocol",
      "adapterOptions.otlp.timeoutMs",
      "adapterOptions.otlp.url",
    ]);
    expect(JSON.stringify(found)).not.toContain(SECRET);
    expect(problems({}, "yes")[0]?.source).toBe("adapterOptions.otlp");
  });

  it("takes queue limits", () => {
    expect(config({}, { maxBatchItems: 100, maxBatchBytes: 1_000_000, concurrency: 4 }).limits).toEqual({ maxBatchItems: 100, maxBatchBytes: 1_000_000, concurrency: 4 });
  });

  it("returns problems from the factory instead of throwing", async () => {
    const result = await tracehubAdapter.create({ OTEL_EXPORTER_OTLP_TIMEOUT: "soon" }, undefined, settings());
    expect(result.ok).toBe(false);
  });
});

describe("createHub end to end", () => {
  const seen: Uint8Array[] = [];
  const server = setupServer(
    http.post("http://hub-collector.test/v1/traces", async ({ request }) => {
      seen.push(await requestBytes(request));
      return new HttpResponse(null, { status: 200 });
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("sends a traced LLM call to the endpoint named in the environment", async () => {
    const hub = await createHub({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: "http://hub-collector.test", OTEL_SERVICE_NAME: "hub-svc" },
      adapterFactories: { otlp: tracehubAdapter },
      registerShutdownHooks: false,
    });
    await hub.trace("ask", { userId: "u-1" }, async () => {
      await hub.span("generate", { kind: "llm", model: "gpt-4o", provider: "openai" }, (s) => {
        s.setUsage({ input: 10, output: 4, cacheRead: 2 });
      });
    });
    await hub.flush();
    await hub.shutdown();
    const spans = seen.flatMap((bytes) => decodedSpans(decodeRequest(bytes)));
    expect(spans.map((s) => s.span.name).sort()).toEqual(["ask", "generate"]);
    const generate = spans.find((s) => s.span.name === "generate")!;
    expect(generate.resource["service.name"]).toBe("hub-svc");
    expect(generate.span.kind).toBe(3);
    expect(generate.span.parentSpanId).toBe(spans.find((s) => s.span.name === "ask")!.span.spanId);
  });

  it("stops createHub with a ConfigError listing the problems, secrets hidden", async () => {
    const error = await createHub({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: "not a url", OTEL_EXPORTER_OTLP_HEADERS: `${SECRET}` },
      adapterFactories: { otlp: tracehubAdapter },
      registerShutdownHooks: false,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.source)).toEqual(["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS"]);
    expect((error as Error).message).not.toContain(SECRET);
  });
});
