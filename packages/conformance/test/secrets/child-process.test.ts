// Secret scan of a real process: the probe application runs in a child Node
// process configured only by environment variables (as deployed), with debug
// logging on, against a loopback server that echoes request headers in its
// errors or redirects to a URL carrying the key. Its real stdout and stderr
// streams must not contain any key.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSecrets, secretEnv, type SecretOwner } from "./support/secrets.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, "../..");

type Mode = "echo" | "redirect";
interface Seen {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let mode: Mode = "echo";
const seen: Seen[] = [];
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? "";
    seen.push({ path: url, headers: req.headers, body: Buffer.concat(chunks).toString("latin1") });
    if (url.startsWith("/evil")) return void res.writeHead(200).end("{}");
    const echo = JSON.stringify(req.headers);
    if (mode === "redirect") {
      const key = String(req.headers["authorization"] ?? req.headers["x-api-key"] ?? "");
      return void res.writeHead(307, { location: `${base}/evil/steal?key=${encodeURIComponent(key)}` }).end();
    }
    res.writeHead(url.includes("feedback") ? 403 : 500, { "content-type": "application/json" }).end(JSON.stringify({ message: `denied ${echo}`, detail: echo }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function runProbe(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    ...secretEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: `${base}/otlp`, LANGFUSE_BASE_URL: `${base}/langfuse`, LANGSMITH_ENDPOINT: `${base}/langsmith` }),
    PATH: process.env.PATH ?? "",
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, "fixtures/probe-app.mjs")], { cwd: packageDir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const OWNER: Record<string, SecretOwner | undefined> = { otlp: "otlp", langfuse: "langfuse", langsmith: "langsmith" };

describe.each(["echo", "redirect"] as const)("a child process against backends that %s", (current) => {
  it("writes no key to its real stdout or stderr, and sends none anywhere it should not", async () => {
    mode = current;
    seen.length = 0;
    const run = await runProbe();
    expect(run.code).toBe(0);
    const leaks = [...findSecrets("stdout", run.stdout), ...findSecrets("stderr", run.stderr)];
    for (const request of seen) {
      const host = request.path.split("/")[1] ?? "";
      leaks.push(...findSecrets(`${request.path} body`, request.body));
      leaks.push(...findSecrets(`${request.path} URL`, decodeURIComponent(request.path)));
      leaks.push(...findSecrets(`${request.path} headers`, JSON.stringify(request.headers), OWNER[host]));
    }
    expect(leaks).toEqual([]);
    // Not vacuous: all three backends were called, debug logging was on, the console adapter printed.
    expect(new Set(seen.map((r) => r.path.split("/")[1]))).toEqual(new Set(["otlp", "langfuse", "langsmith"]));
    expect(run.stderr).toContain("[tracehub] debug:");
    expect(run.stdout).toContain('"type":"span"');
    expect(run.stdout).toContain('"lastError"');
  });
});
