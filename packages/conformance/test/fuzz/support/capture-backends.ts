// Fake backends for the fuzz suite, answered with msw at the network layer:
// every request the adapters make is recorded as the vendor server would see
// it (body gunzipped), and answered with the vendor's success response so no
// retry muddies the picture.
import { gunzipSync } from "node:zlib";
import { http, HttpResponse } from "msw";
import { setupServer, type SetupServer } from "msw/node";

export const OTLP_PROTO_URL = "http://otlp-proto.fuzz.test/v1/traces";
export const OTLP_JSON_URL = "http://otlp-json.fuzz.test/v1/traces";
export const LANGFUSE_BASE = "http://langfuse.fuzz.test";
export const LANGSMITH_BASE = "http://langsmith.fuzz.test";

export type BackendName = "otlp-proto" | "otlp-json" | "langfuse-otel" | "langfuse-ingestion" | "langsmith-runs" | "langsmith-feedback";

export interface RecordedRequest {
  backend: BackendName;
  url: string;
  headers: Record<string, string>;
  /** After Content-Encoding is undone. */
  body: Uint8Array;
}

const INFO = {
  version: "0.10.0",
  batch_ingest_config: { size_limit: 100, size_limit_bytes: 20_971_520, use_multipart_endpoint: true },
  instance_flags: { gzip_body_enabled: true },
};

async function record(backend: BackendName, request: Request, into: RecordedRequest[]): Promise<RecordedRequest> {
  const raw = new Uint8Array(await request.arrayBuffer());
  const headers = Object.fromEntries(request.headers.entries());
  const body = headers["content-encoding"] === "gzip" ? new Uint8Array(gunzipSync(raw)) : raw;
  const recorded = { backend, url: request.url, headers, body };
  into.push(recorded);
  return recorded;
}

/** An msw server answering every backend with success, recording into `requests`. */
export function captureBackends(requests: RecordedRequest[]): SetupServer {
  return setupServer(
    http.post(OTLP_PROTO_URL, async ({ request }) => {
      await record("otlp-proto", request, requests);
      return new HttpResponse(new Uint8Array(0), { status: 200, headers: { "content-type": "application/x-protobuf" } });
    }),
    http.post(OTLP_JSON_URL, async ({ request }) => {
      await record("otlp-json", request, requests);
      return HttpResponse.json({}, { status: 200 });
    }),
    http.post(`${LANGFUSE_BASE}/api/public/otel/v1/traces`, async ({ request }) => {
      await record("langfuse-otel", request, requests);
      return HttpResponse.json({}, { status: 200 });
    }),
    http.post(`${LANGFUSE_BASE}/api/public/ingestion`, async ({ request }) => {
      const recorded = await record("langfuse-ingestion", request, requests);
      let batch: { id?: unknown }[] = [];
      try {
        const parsed = JSON.parse(new TextDecoder().decode(recorded.body)) as { batch?: unknown };
        if (Array.isArray(parsed.batch)) batch = parsed.batch as { id?: unknown }[];
      } catch {
        // the validator reports an unparsable body; the answer does not matter then
      }
      return HttpResponse.json({ successes: batch.map((e) => ({ id: e.id, status: 201 })), errors: [] }, { status: 207 });
    }),
    http.get(`${LANGSMITH_BASE}/info`, () => HttpResponse.json(INFO)),
    http.post(`${LANGSMITH_BASE}/runs/multipart`, async ({ request }) => {
      await record("langsmith-runs", request, requests);
      return HttpResponse.json({}, { status: 202 });
    }),
    http.post(`${LANGSMITH_BASE}/feedback`, async ({ request }) => {
      await record("langsmith-feedback", request, requests);
      return HttpResponse.json({}, { status: 200 });
    }),
  );
}
