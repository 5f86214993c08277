// What LangSmith's server receives: multipart parts, gzip, the batch fallback
// and the /info limits, asserted on the decoded request bodies (msw).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { SpanLineage, toLangSmithRun } from "../src/index.js";
import {
  API_KEY,
  ENDPOINT,
  INFO_DEFAULT,
  jsonBody,
  makeAdapter,
  parseMultipart,
  recordRequest,
  runsFromMultipart,
  span,
  T0,
  type RecordedRequest,
} from "./helpers.js";

const requests: RecordedRequest[] = [];
let infoCalls = 0;

function serveInfo(body: JsonBodyType, status = 200) {
  return http.get(`${ENDPOINT}/info`, () => {
    infoCalls++;
    return status === 200 ? HttpResponse.json(body) : new HttpResponse("unavailable", { status });
  });
}

const record = (status = 202) => async ({ request }: { request: Request }) => {
  requests.push(await recordRequest(request));
  return HttpResponse.json({}, { status });
};

const server = setupServer(
  serveInfo(INFO_DEFAULT),
  http.post(`${ENDPOINT}/runs/multipart`, record()),
  http.post(`${ENDPOINT}/runs/batch`, record()),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
  infoCalls = 0;
});
afterAll(() => server.close());

const ROOT = span("00000000000000a0", {
  name: "rag-query",
  kind: "chain",
  input: { question: "why?" },
  output: { answer: "because" },
  endTime: T0 + 900,
  context: { sessionId: "s-1", tags: ["t"] },
});
const CHILD = span("00000000000000a1", {
  name: "generate",
  kind: "llm",
  parentSpanId: "00000000000000a0",
  startTime: T0 + 10,
  endTime: T0 + 800,
  input: "prompt text",
  status: "error",
  error: { type: "TimeoutError", message: "took too long", category: "timeout" },
  completionStartTime: T0 + 50,
});

describe("POST /runs/multipart", () => {
  it("sends each run as post.<id> plus one part per large field, each application/json; length=<bytes>", async () => {
    const adapter = makeAdapter({ project: "my-project" });
    adapter.onStart(ROOT);
    adapter.onStart(CHILD);
    // The child ends first and is exported on its own, before its parent.
    expect(await adapter.export({ spans: [CHILD], scores: [] })).toEqual({ kind: "ok" });
    expect(await adapter.export({ spans: [ROOT], scores: [] })).toEqual({ kind: "ok" });

    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /runs/multipart", "POST /runs/multipart"]);
    const [first, second] = requests as [RecordedRequest, RecordedRequest];
    expect(first.headers["x-api-key"]).toBe(API_KEY);
    expect(first.headers).not.toHaveProperty("x-tenant-id");
    expect(first.headers).not.toHaveProperty("content-encoding");
    expect(first.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=\S+$/);

    // The expected runs, mapped independently with the parent known.
    const lineage = new SpanLineage();
    lineage.record(ROOT);
    const settings = { project: "my-project", hideInputs: false, hideOutputs: false };
    const root = toLangSmithRun(ROOT, lineage.resolve(ROOT), settings);
    const child = toLangSmithRun(CHILD, lineage.resolve(CHILD), settings);

    const parts = parseMultipart(first.body, first.headers["content-type"] ?? "");
    expect(parts.map((p) => p.name)).toEqual([
      `post.${child.id}`,
      `post.${child.id}.inputs`,
      `post.${child.id}.extra`,
      `post.${child.id}.events`,
      `post.${child.id}.error`,
    ].sort((a, b) => order(a) - order(b)));
    for (const part of parts) expect(part.contentType).toBe(`application/json; length=${Buffer.byteLength(part.body)}`);
    const main = JSON.parse(parts[0]?.body ?? "");
    expect(main).toEqual({
      id: child.id,
      trace_id: root.id,
      parent_run_id: root.id,
      dotted_order: `${root.dotted_order}.${child.dotted_order.split(".")[1]}`,
      name: "generate",
      run_type: "llm",
      start_time: "2023-11-14T22:13:20.010000Z",
      end_time: "2023-11-14T22:13:20.800000Z",
      session_name: "my-project",
    });
    expect(JSON.parse(part(parts, "inputs"))).toEqual({ input: "prompt text" });
    expect(JSON.parse(part(parts, "error"))).toBe("TimeoutError: took too long");
    expect(JSON.parse(part(parts, "events"))).toEqual([{ name: "new_token", time: "2023-11-14T22:13:20.050000Z" }]);
    expect(JSON.parse(part(parts, "extra"))).toEqual(child.extra);

    expect(runsFromMultipart(second)).toEqual({ [root.id]: JSON.parse(JSON.stringify(root)) });
    // A standard multipart parser reads the same parts.
    const form = await new Response(first.body, { headers: { "content-type": first.headers["content-type"] ?? "" } }).formData();
    expect([...form.keys()]).toEqual(parts.map((p) => p.name));
  });

  it("gzips the body when the server's /info allows it, and not when code turns gzip off", async () => {
    server.use(serveInfo({ ...INFO_DEFAULT, instance_flags: { gzip_body_enabled: true } }));
    expect(await makeAdapter().export({ spans: [ROOT], scores: [] })).toEqual({ kind: "ok" });
    expect(await makeAdapter({ gzip: false }).export({ spans: [ROOT], scores: [] })).toEqual({ kind: "ok" });
    const [zipped, plain] = requests as [RecordedRequest, RecordedRequest];
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.raw[0]).toBe(0x1f); // gzip magic
    expect(zipped.raw[1]).toBe(0x8b);
    expect(Object.keys(runsFromMultipart(zipped))).toHaveLength(1);
    expect(plain.headers).not.toHaveProperty("content-encoding");
    expect(Buffer.from(plain.body).equals(Buffer.from(zipped.body))).toBe(false); // different boundaries
    expect(runsFromMultipart(plain)).toEqual(runsFromMultipart(zipped));
  });

  it("names the workspace in x-tenant-id when one is set", async () => {
    const workspaceId = "1f0e9c1a-3b7d-4c2e-9a8b-7c6d5e4f3a2b";
    await makeAdapter({ workspaceId }).export({ spans: [ROOT], scores: [] });
    expect(requests[0]?.headers["x-tenant-id"]).toBe(workspaceId);
  });
});

describe("fallback to POST /runs/batch", () => {
  it("re-sends to /runs/batch when /runs/multipart answers 404, and keeps using /runs/batch", async () => {
    server.use(http.post(`${ENDPOINT}/runs/multipart`, record(404)));
    const adapter = makeAdapter();
    expect(await adapter.export({ spans: [CHILD, ROOT], scores: [] })).toEqual({ kind: "ok" });
    expect(await adapter.export({ spans: [ROOT], scores: [] })).toEqual({ kind: "ok" });
    expect(requests.map((r) => r.path)).toEqual(["/runs/multipart", "/runs/batch", "/runs/batch"]);
    const batch = requests[1] as RecordedRequest;
    expect(batch.headers["content-type"]).toBe("application/json");
    expect(batch.headers["x-api-key"]).toBe(API_KEY);
    const body = jsonBody(batch) as { post: Record<string, unknown>[]; patch: unknown[] };
    expect(body.patch).toEqual([]);
    // The same runs the multipart request carried, whole.
    expect(Object.fromEntries(body.post.map((run) => [run.id, run]))).toEqual(runsFromMultipart(requests[0] as RecordedRequest));
  });

  it("goes straight to /runs/batch when /info says the multipart endpoint is off", async () => {
    server.use(serveInfo({ batch_ingest_config: { use_multipart_endpoint: false } }));
    expect(await makeAdapter().export({ spans: [ROOT], scores: [] })).toEqual({ kind: "ok" });
    expect(requests.map((r) => r.path)).toEqual(["/runs/batch"]);
  });
});

describe("batch limits from GET /info", () => {
  const many = (n: number, inputChars = 10) =>
    Array.from({ length: n }, (_, i) =>
      span(`00000000000001${String(i).padStart(2, "0")}`, { input: { text: "x".repeat(inputChars) } }),
    );

  it("splits by count (batch_ingest_config.size_limit)", async () => {
    server.use(serveInfo({ batch_ingest_config: { size_limit: 2, size_limit_bytes: 10_000_000 } }));
    expect(await makeAdapter().export({ spans: many(5), scores: [] })).toEqual({ kind: "ok" });
    expect(requests.map((r) => Object.keys(runsFromMultipart(r)).length)).toEqual([2, 2, 1]);
  });

  it("splits by bytes (batch_ingest_config.size_limit_bytes), each request within the limit", async () => {
    // Each run is ~2.6 kB on the wire: 3 would exceed the limit, 2 fit.
    const limit = 8200;
    server.use(serveInfo({ batch_ingest_config: { size_limit: 100, size_limit_bytes: limit } }));
    const spans = many(6, 1500);
    expect(await makeAdapter().export({ spans, scores: [] })).toEqual({ kind: "ok" });
    expect(requests.map((r) => Object.keys(runsFromMultipart(r)).length)).toEqual([2, 2, 2]);
    for (const request of requests) expect(request.body.byteLength).toBeLessThanOrEqual(limit);
    const sent = requests.flatMap((r) => Object.values(runsFromMultipart(r)).map((run) => (run.extra as { metadata: { otel_span_id: string } }).metadata.otel_span_id));
    expect(sent).toEqual(spans.map((s) => s.spanId));
  });

  it("uses the documented defaults when /info fails, and asks again only after a pause", async () => {
    server.use(serveInfo({}, 503));
    const adapter = makeAdapter();
    const spans = many(150);
    expect(await adapter.export({ spans, scores: [] })).toEqual({ kind: "ok" });
    expect(await adapter.export({ spans: spans.slice(0, 1), scores: [] })).toEqual({ kind: "ok" });
    expect(infoCalls).toBe(1);
    expect(requests.map((r) => `${r.path}:${Object.keys(runsFromMultipart(r)).length}`)).toEqual([
      "/runs/multipart:100",
      "/runs/multipart:50",
      "/runs/multipart:1",
    ]);
    expect(requests[0]?.headers).not.toHaveProperty("content-encoding");
  });
});

/** Field parts in the order the adapter writes them. */
function order(name: string): number {
  const field = name.split(".")[2];
  return field === undefined ? 0 : ["inputs", "outputs", "events", "extra", "error"].indexOf(field) + 1;
}

function part(parts: { name: string; body: string }[], field: string): string {
  const found = parts.find((p) => p.name.endsWith(`.${field}`));
  if (found === undefined) throw new Error(`no ${field} part`);
  return found.body;
}
