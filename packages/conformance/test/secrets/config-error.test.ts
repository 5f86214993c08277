// Secret scan of the configuration boundary: a deployment whose settings are
// wrong in ways that mix secrets into the wrong places (swapped keys, keys in
// URLs, a malformed header list, a key pasted into a non-secret variable, keys
// in code options next to bad ones). createHub must refuse with one
// ConfigError that names every problem — and quotes none of the keys.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, createHub } from "@tracehub/core";
import { describe, expect, it } from "vitest";
import { captureOutput } from "./support/capture-output.js";
import {
  findSecrets,
  LANGFUSE_PUBLIC_KEY,
  LANGFUSE_SECRET_KEY,
  LANGSMITH_API_KEY,
  OTLP_BEARER_TOKEN,
  OTLP_TEAM_KEY,
  secretEnv,
} from "./support/secrets.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function configErrorOf(options: Parameters<typeof createHub>[0]): Promise<{ error: unknown; stdout: string; stderr: string }> {
  const { result, output } = await captureOutput(async () => {
    try {
      await createHub({ cwd: packageDir, registerShutdownHooks: false, ...options });
      return undefined;
    } catch (error) {
      return error;
    }
  });
  return { error: result, ...output };
}

function leaksOf(run: { error: unknown; stdout: string; stderr: string }): string[] {
  const error = run.error as ConfigError;
  return [
    ...findSecrets("ConfigError message", error.message),
    ...findSecrets("ConfigError problems", JSON.stringify(error.problems)),
    ...findSecrets("ConfigError stack", String(error.stack)),
    ...findSecrets("stdout", run.stdout),
    ...findSecrets("stderr", run.stderr),
  ];
}

describe("ConfigError with secrets in the wrong places", () => {
  it("from the environment: names every problem, quotes no key", async () => {
    const run = await configErrorOf({
      env: secretEnv({
        // Swapped: the public key variable holds the secret key and the other way round.
        LANGFUSE_PUBLIC_KEY: LANGFUSE_SECRET_KEY,
        LANGFUSE_SECRET_KEY: LANGFUSE_PUBLIC_KEY,
        LANGFUSE_BASE_URL: `ftp://user:${LANGFUSE_SECRET_KEY}@langfuse.example`,
        OTEL_EXPORTER_OTLP_HEADERS: `broken-${OTLP_BEARER_TOKEN},x-honeycomb-team=${OTLP_TEAM_KEY}`,
        OTEL_EXPORTER_OTLP_ENDPOINT: `not-a-url-${OTLP_TEAM_KEY}`,
        LANGSMITH_ENDPOINT: `ftp://${LANGSMITH_API_KEY}@smith.example`,
        // A key pasted into a variable whose name does not look secret.
        TRACEHUB_SAMPLE_RATE: LANGSMITH_API_KEY,
        // A key pasted where a number belongs; it is a known secret (a header value above), so it must be scrubbed.
        OTEL_EXPORTER_OTLP_TIMEOUT: OTLP_TEAM_KEY,
      }),
    });
    expect(run.error).toBeInstanceOf(ConfigError);
    expect((run.error as ConfigError).problems.length).toBeGreaterThanOrEqual(5);
    expect(leaksOf(run)).toEqual([]);
  });

  it("from code options: names every problem, quotes no key", async () => {
    const run = await configErrorOf({
      env: {},
      exporters: ["otlp", "langfuse", "langsmith", "console"],
      adapterOptions: {
        otlp: { url: `bad://${OTLP_BEARER_TOKEN}`, headers: { authorization: `Bearer ${OTLP_BEARER_TOKEN}`, "bad header": OTLP_TEAM_KEY }, timeoutMs: -1 },
        langfuse: { publicKey: LANGFUSE_SECRET_KEY, secretKey: `  ${LANGFUSE_SECRET_KEY} `, baseUrl: `notaurl ${LANGFUSE_PUBLIC_KEY}` },
        langsmith: { apiKey: LANGSMITH_API_KEY, endpoint: `not a url ${LANGSMITH_API_KEY}`, workspaceId: LANGSMITH_API_KEY },
        console: { format: LANGSMITH_API_KEY },
      },
      debug: true,
    });
    expect(run.error).toBeInstanceOf(ConfigError);
    expect((run.error as ConfigError).problems.length).toBeGreaterThanOrEqual(5);
    expect(leaksOf(run)).toEqual([]);
  });
});
