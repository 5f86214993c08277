// The fake backends themselves: they decode what a real backend would, count
// an id only when its 2xx answer was fully written, and inject each fault as
// described. The OTLP reader is checked against the official protobuf
// definitions (@opentelemetry/otlp-transformer).
import { createRequire } from "node:module";
import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import type { ReadonlySpan } from "@tracehub/core";
import { encodeTraceRequest } from "@tracehub/otlp";
import { readOtlpSpanIds, startFaultServer, type FaultServer, type FaultServerOptions } from "@tracehub/test-support";

const transformerRequire = createRequire(createRequire(import.meta.url).resolve("@opentelemetry/otlp-transformer"));
const root = transformerRequire("./generated/root.js") as any;
const ExportTraceServiceRequest = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

const TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

function span(spanId: string): ReadonlySpan {
  return { traceId: TRACE_ID, spanId, links: [], name: "work", kind: "span", startTime: 1, endTime: 2, status: "ok", attributes: { a: 1 }, events: [], context: {} };
}

const SPAN_IDS = ["b7ad6b7169203331", "00f067aa0ba902b7", "53995c3f42cd8ad8"];
const otlpBody = (ids = SPAN_IDS): Uint8Array => encodeTraceRequest({ spans: ids.map(span), scores: [] }, {}).body;

let servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function server(options: FaultServerOptions): Promise<FaultServer> {
  const s = await startFaultServer(options);
  servers.push(s);
  return s;
}

const postOtlp = (s: FaultServer, timeoutMs = 2_000, body = otlpBody()) =>
  fetch(`${s.url}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/x-protobuf", "content-encoding": "gzip" },
    body: gzipSync(body),
    signal: AbortSignal.timeout(timeoutMs),
  });

describe("OTLP decoding", () => {
  it("reads the same span ids as the official definitions", () => {
    const ids = Array.from({ length: 50 }, (_, i) => (i + 1).toString(16).padStart(16, "0"));
    const body = otlpBody(ids);
    const official = ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), { bytes: String }) as any;
    const officialIds = official.resourceSpans.flatMap((rs: any) =>
      rs.scopeSpans.flatMap((ss: any) => ss.spans.map((s: any) => Buffer.from(s.spanId, "base64").toString("hex"))),
    );
    expect(readOtlpSpanIds(body, "application/x-protobuf")).toEqual(officialIds);
    expect(officialIds).toEqual(ids);
  });

  it("rejects a truncated body", () => {
    const body = otlpBody();
    expect(() => readOtlpSpanIds(body.subarray(0, body.length - 3), "application/x-protobuf")).toThrow(/protobuf/);
  });
});

describe("acknowledging and counting", () => {
  it("OTLP: answers 200 with an empty response and records the span ids once written", async () => {
    const s = await server({ backend: "otlp" });
    const response = await postOtlp(s);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-protobuf");
    expect((await response.arrayBuffer()).byteLength).toBe(0);
    expect(s.spans.compare(SPAN_IDS)).toMatchObject({ missing: 0, duplicated: 0, unexpected: 0 });
    expect(s.counts).toMatchObject({ requests: 1, acknowledged: 1 });
  });

  it("Langfuse: checks Basic auth, records spans and score-create bodies, answers 207 per event", async () => {
    const keys = { publicKey: "pk-lf-1", secretKey: "sk-lf-1" };
    const s = await server({ backend: "langfuse", langfuse: keys });
    const auth = `Basic ${Buffer.from("pk-lf-1:sk-lf-1").toString("base64")}`;
    const wrong = await fetch(`${s.url}/api/public/otel/v1/traces`, { method: "POST", headers: { authorization: "Basic eDp5" }, body: otlpBody() });
    expect(wrong.status).toBe(401);
    const traces = await fetch(`${s.url}/api/public/otel/v1/traces`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/x-protobuf" },
      body: otlpBody(),
    });
    expect(traces.status).toBe(200);
    const batch = { batch: [{ id: "event-1", type: "score-create", timestamp: "2025-01-01T00:00:00Z", body: { id: "score-1", name: "q", value: 1 } }] };
    const ingestion = await fetch(`${s.url}/api/public/ingestion`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify(batch),
    });
    expect(ingestion.status).toBe(207);
    expect(await ingestion.json()).toEqual({ successes: [{ id: "event-1", status: 201 }], errors: [] });
    expect(s.spans.size).toBe(3);
    expect(s.scores.has("score-1")).toBe(true);
    expect(s.counts).toMatchObject({ requests: 3, acknowledged: 2, rejected: 1 });
  });

  it("LangSmith: serves /info, records each run by its otel_span_id, and feedback by id", async () => {
    const s = await server({ backend: "langsmith", langsmithApiKey: "key-1" });
    const info = await fetch(`${s.url}/info`, { headers: { "x-api-key": "key-1" } });
    expect(await info.json()).toMatchObject({ batch_ingest_config: { use_multipart_endpoint: true } });
    const boundary = "----b";
    const part = (name: string, value: unknown) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(value)}\r\n`;
    const body =
      part("post.run-1", { id: "run-1" }) +
      part("post.run-1.extra", { metadata: { otel_span_id: "b7ad6b7169203331" } }) +
      part("post.run-2", { id: "run-2" }) +
      part("post.run-2.inputs", { q: "--not a boundary" }) +
      `--${boundary}--\r\n`;
    const runs = await fetch(`${s.url}/runs/multipart`, {
      method: "POST",
      headers: { "x-api-key": "key-1", "content-type": `multipart/form-data; boundary=${boundary}`, "content-encoding": "gzip" },
      body: gzipSync(body),
    });
    expect(runs.status).toBe(202);
    const feedback = await fetch(`${s.url}/feedback`, { method: "POST", headers: { "x-api-key": "key-1" }, body: JSON.stringify({ id: "fb-1", run_id: "run-1" }) });
    expect(feedback.status).toBe(200);
    // run-2 carried no otel_span_id: it is counted under its run id, so a check against span ids flags it.
    expect([...["b7ad6b7169203331", "run:run-2"]].map((id) => s.spans.countOf(id))).toEqual([1, 1]);
    expect(s.scores.has("fb-1")).toBe(true);
    const denied = await fetch(`${s.url}/feedback`, { method: "POST", body: JSON.stringify({ id: "fb-2" }) });
    expect(denied.status).toBe(401);
  });
});

describe("faults record nothing for requests that were not acknowledged", () => {
  it("5xx and 429 (with Retry-After) answers", async () => {
    const s = await server({ backend: "otlp", fault: { kind: "errors", rate: 1, statuses: [503] } });
    expect((await postOtlp(s)).status).toBe(503);
    await s.setFault({ kind: "throttle", rate: 1, retryAfterSeconds: 7 });
    const throttled = await postOtlp(s);
    expect([throttled.status, throttled.headers.get("retry-after")]).toEqual([429, "7"]);
    expect(s.spans.total).toBe(0);
    expect(s.counts).toMatchObject({ requests: 2, failedStatus: 2, acknowledged: 0 });
  });

  it("a 30% error rate strikes about 30% of requests, the same ones for the same seed", async () => {
    const outcomes = async (seed: number) => {
      const s = await server({ backend: "otlp", fault: { kind: "errors", rate: 0.3 }, seed });
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) statuses.push((await postOtlp(s)).status);
      return statuses;
    };
    const first = await outcomes(7);
    expect(await outcomes(7)).toEqual(first);
    const failed = first.filter((status) => status !== 200).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(30);
  });

  it("connection resets", async () => {
    const s = await server({ backend: "otlp", fault: { kind: "reset", rate: 1 } });
    for (let i = 0; i < 4; i++) await expect(postOtlp(s)).rejects.toThrow();
    expect(s.counts).toMatchObject({ resets: 4, acknowledged: 0 });
    expect(s.spans.total).toBe(0);
  });

  it("a latency spike past the client's timeout: the client gives up, the server counts it abandoned", async () => {
    const s = await server({ backend: "otlp", fault: { kind: "latency", rate: 1, delayMs: 300 } });
    await expect(postOtlp(s, 100)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(s.counts).toMatchObject({ abandoned: 1, acknowledged: 0 });
    expect(s.spans.total).toBe(0);
    // A spike within the timeout is only slow.
    expect((await postOtlp(s, 2_000)).status).toBe(200);
    expect(s.spans.size).toBe(3);
  });

  it("a hanging server, until the fault changes", async () => {
    const s = await server({ backend: "otlp", fault: { kind: "hang" } });
    await expect(postOtlp(s, 200)).rejects.toThrow();
    const pending = postOtlp(s, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await s.setFault({ kind: "healthy" }); // cuts the hung request
    await expect(pending).rejects.toThrow();
    expect((await postOtlp(s)).status).toBe(200);
    expect(s.counts).toMatchObject({ hung: 2, acknowledged: 1 });
  });

  it("an outage refusing connections, then recovery on the same URL", async () => {
    const s = await server({ backend: "otlp", fault: { kind: "outage", mode: "refuse" } });
    await expect(postOtlp(s)).rejects.toThrow();
    expect(s.counts.refused).toBeGreaterThan(0);
    await s.setFault({ kind: "outage", mode: "unavailable" });
    expect((await postOtlp(s)).status).toBe(503);
    await s.setFault({ kind: "healthy" });
    expect((await postOtlp(s)).status).toBe(200);
    expect(s.spans.size).toBe(3);
  });

  it("an answer the client drops unread is unconfirmed: resending it is not a duplicate, resending a read one is", async () => {
    const s = await server({ backend: "otlp" });
    const body = otlpBody();
    // A client that times out just as the answer arrives: it closes the connection without reading on.
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(s.url).port), "127.0.0.1", () => {
        socket.write(`POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\nContent-Length: ${body.length}\r\n\r\n`);
        socket.write(body);
      });
      socket.once("data", () => {
        socket.destroy();
        resolve();
      });
    });
    for (let i = 0; i < 50 && s.counts.unconfirmed === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(s.counts.unconfirmed).toBe(1);
    expect((await postOtlp(s)).status).toBe(200); // the client's retry
    expect([s.spans.duplicates, s.spans.unconfirmedResends]).toEqual([0, 3]);
    expect((await postOtlp(s)).status).toBe(200); // a resend of an answer fetch did read
    expect([s.spans.duplicates, s.spans.unconfirmedResends]).toEqual([3, 3]);
    expect(s.spans.compare(SPAN_IDS).duplicated).toBe(3);
  });

  it("a fault limited to some paths leaves the others healthy", async () => {
    const s = await server({ backend: "langfuse" });
    await s.setFault({ kind: "errors", rate: 1, statuses: [500] }, { paths: ["/api/public/ingestion"] });
    const traces = await fetch(`${s.url}/api/public/otel/v1/traces`, { method: "POST", headers: { "content-type": "application/x-protobuf" }, body: otlpBody() });
    const ingestion = await fetch(`${s.url}/api/public/ingestion`, { method: "POST", body: JSON.stringify({ batch: [] }) });
    expect([traces.status, ingestion.status]).toEqual([200, 500]);
  });
});
