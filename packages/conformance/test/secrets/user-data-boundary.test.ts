// The boundary of the secret scan, pinned: tracehub keeps the keys it was
// configured with out of everything it writes itself (logs, errors, stats,
// request bodies, other hosts). Span content is the application's data and is
// exported as given: tracehub does not scan attributes for values that happen
// to equal a key (core's secret list scrubs only error and log text). An
// application that may put credentials in span content removes them itself
// (hideInputs/hideOutputs, or `mask` for input, output and metadata).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { createHub } from "@tracehub/core";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, LANGFUSE_SECRET_KEY } from "./support/secrets.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bodies: string[] = [];
const server = setupServer(
  http.post(`${BACKENDS.otlp}/v1/traces`, async ({ request }) => {
    const raw = Buffer.from(await request.arrayBuffer());
    bodies.push((request.headers.get("content-encoding") === "gzip" ? gunzipSync(raw) : raw).toString("latin1"));
    return new HttpResponse(new Uint8Array(0), { status: 200, headers: { "content-type": "application/x-protobuf" } });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("span content that equals a configured key", () => {
  it("is exported as the application gave it; a mask removes it from input, output and metadata", async () => {
    const hub = await createHub({
      cwd: packageDir,
      env: { TRACEHUB_EXPORTERS: "otlp", OTEL_EXPORTER_OTLP_ENDPOINT: BACKENDS.otlp, LANGFUSE_SECRET_KEY, TRACEHUB_SPOOL: "off" },
      registerShutdownHooks: false,
      mask: (value) => (JSON.stringify(value).includes("sk-lf-") ? "[masked]" : value),
    });
    hub.trace("boundary", { metadata: { token: LANGFUSE_SECRET_KEY } }, (span) => {
      span.setAttribute("app.echoed_key", LANGFUSE_SECRET_KEY);
      span.setInput({ apiKey: LANGFUSE_SECRET_KEY });
    });
    await hub.shutdown(3_000);
    const body = bodies.join("");
    // Attributes are user data, outside `mask`: the value goes to the user's own backend unchanged.
    expect(body.split(LANGFUSE_SECRET_KEY).length - 1).toBe(1);
    expect(body).toContain("[masked]");
  });
});
