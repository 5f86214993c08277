// Secret scan, in process: every adapter runs with distinctive keys against
// backends that fail in each tempting way, with debug logging on. The keys
// must not appear in stdout, stderr, any request body, any request URL, any
// request to a host they do not belong to (a redirect target included), the
// hub's stats (lastError) or thrown errors. The Authorization / x-api-key
// headers to a key's own backend are the one legitimate place for it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createHub } from "@tracehub/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureOutput } from "./support/capture-output.js";
import { FAILURES, failingBackends, type Failure, type SeenRequest } from "./support/failing-backends.js";
import { findSecrets, secretEnv, type SecretOwner } from "./support/secrets.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const seen: SeenRequest[] = [];
let failure: Failure = "401";
const server = failingBackends(() => failure, seen);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

/** A small traced workload: spans with input and usage, a user error, a score. */
async function runApplication(): Promise<{ stats: string; thrown: string[] }> {
  const thrown: string[] = [];
  const hub = await createHub({
    env: secretEnv(),
    cwd: packageDir, // adapters are loaded by package name, as in an application
    registerShutdownHooks: false,
    queue: { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 5, exportTimeoutMs: 3_000 },
  });
  const traceId = await hub.trace("secret-scan", { userId: "u-1", metadata: { plan: "pro" } }, async (root) => {
    await hub.span("generate", { kind: "llm", model: "gpt-4o", provider: "openai", input: [{ role: "user", content: "hi" }] }, async (span) => {
      span.setUsage({ input: 12, output: 5 });
      span.setOutput("hello");
    });
    try {
      hub.span("tool", { kind: "tool" }, () => {
        throw new Error("tool failed");
      });
    } catch (error) {
      thrown.push(String(error));
    }
    return root.traceId;
  });
  hub.score({ traceId, name: "quality", value: 0.9, comment: "fine" });
  await hub.flush(3_000);
  const stats = JSON.stringify(hub.stats());
  await hub.shutdown(3_000);
  return { stats, thrown };
}

/** Where each host's own key may legitimately travel: in the headers of a request to that host. */
const OWNER_OF_HOST: Record<string, SecretOwner | undefined> = { otlp: "otlp", langfuse: "langfuse", langsmith: "langsmith", evil: undefined };

describe.each(FAILURES)("secret scan against a backend answering %s", (current) => {
  it("keeps every key out of output, payloads, other hosts, stats and errors", async () => {
    failure = current;
    seen.length = 0;
    const { result, output } = await captureOutput(runApplication);

    const leaks = [
      ...findSecrets("stdout", output.stdout),
      ...findSecrets("stderr", output.stderr),
      ...findSecrets("hub.stats()", result.stats),
      ...result.thrown.flatMap((t) => findSecrets("thrown error", t)),
    ];
    for (const request of seen) {
      const where = `${request.method} ${request.url}`;
      leaks.push(...findSecrets(`${where} body`, request.body));
      leaks.push(...findSecrets(`${where} URL`, decodeURIComponent(request.url)));
      leaks.push(...findSecrets(`${where} headers`, JSON.stringify(request.headers), OWNER_OF_HOST[request.host]));
    }
    expect(leaks).toEqual([]);

    // Not vacuous: every backend was called, and the echoing ones did send keys back.
    expect(new Set(seen.map((r) => r.host))).toEqual(new Set(["otlp", "langfuse", "langsmith"]));
    if (current !== "401" && current !== "network error") {
      expect(seen.some((r) => findSecrets("answer", r.answer).length > 0)).toBe(true);
    }
    // The failure was seen and recorded (scrubbed) for each remote adapter.
    const stats = JSON.parse(result.stats) as { adapters: { adapter: string; lastError?: string }[] };
    for (const name of ["otlp", "langfuse", "langsmith"]) {
      expect(stats.adapters.find((a) => a.adapter === name)?.lastError, name).toBeDefined();
    }
    expect(output.stderr).toContain("[tracehub] debug:");
    expect(output.stdout).toContain('"type":"span"');
  });
});
