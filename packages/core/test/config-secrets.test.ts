// Secret handling and the output side of config: ConfigError's message and the
// hub logger.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, formatConfigProblems } from "../src/config/config-error.js";
import { createHubLogger } from "../src/config/default-logger.js";
import {
  collectEnvSecrets,
  collectOptionSecrets,
  describeValue,
  isSecretName,
  scrubSecrets,
} from "../src/config/secrets.js";
import { recordingLogger } from "./config-helpers.js";

describe("secret names and values", () => {
  it.each([
    "LANGFUSE_SECRET_KEY",
    "LANGFUSE_PUBLIC_KEY",
    "LANGSMITH_API_KEY",
    "OTEL_EXPORTER_OTLP_HEADERS",
    "GITHUB_TOKEN",
    "DB_PASSWORD",
    "BASIC_AUTH",
    "apiKey",
  ])("%s is secret-looking", (name) => {
    expect(isSecretName(name)).toBe(true);
    expect(describeValue(name, "hunter22")).not.toContain("hunter22");
  });

  it.each(["TRACEHUB_SAMPLE_RATE", "LANGFUSE_BASE_URL", "OTEL_SERVICE_NAME"])("%s is not", (name) => {
    expect(isSecretName(name)).toBe(false);
    expect(describeValue(name, "0.5x")).toBe('"0.5x"');
  });

  it("collects set secret values, each header value alone, and skips trivial ones", () => {
    const secrets = collectEnvSecrets({
      LANGFUSE_SECRET_KEY: "sk-lf-abc123",
      OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer%20tok-1234,x-team=blue-team",
      FEATURE_AUTH_ENABLED: "true",
      SHORT_TOKEN: "ab",
      TRACEHUB_RELEASE: "not-a-secret",
      MISSING_KEY: undefined,
    });
    expect(secrets).toEqual(
      expect.arrayContaining(["sk-lf-abc123", "Bearer%20tok-1234", "Bearer tok-1234", "blue-team"]),
    );
    expect(secrets).not.toContain("true");
    expect(secrets).not.toContain("ab");
    expect(secrets).not.toContain("not-a-secret");
  });

  it("collects strings under secret-looking option keys, at any depth", () => {
    const secrets = collectOptionSecrets({
      langfuse: { secretKey: "sk-code-1", baseUrl: "https://example" },
      otlp: { headers: { "x-honeycomb-team": "hc-team-key" } },
    });
    expect(secrets.sort()).toEqual(["hc-team-key", "sk-code-1"]);
  });

  it("scrubs longer secrets first so no fragment is left", () => {
    expect(scrubSecrets("x sk-lf-abc123 y sk-lf-abc", ["sk-lf-abc", "sk-lf-abc123"])).toBe("x [REDACTED] y [REDACTED]");
  });
});

describe("ConfigError", () => {
  it("says 1 problem in the singular and repeats no source", () => {
    const error = new ConfigError([{ source: "X_URL", problem: "X_URL is not a URL", fix: "Set X_URL=https://x" }]);
    expect(error.name).toBe("ConfigError");
    expect(error.message).toBe("tracehub configuration has 1 problem:\n  - X_URL is not a URL. Fix: Set X_URL=https://x.");
  });

  it("prefixes the source when the problem text does not name it", () => {
    expect(formatConfigProblems([{ source: "LANGFUSE_SECRET_KEY", problem: "is not set", fix: "Set it" }])).toContain(
      "  - LANGFUSE_SECRET_KEY: is not set. Fix: Set it.",
    );
  });

  it("keeps its problems frozen", () => {
    const error = new ConfigError([{ source: "a", problem: "b", fix: "c" }]);
    expect(Object.isFrozen(error.problems)).toBe(true);
  });
});

describe("hub logger", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes [tracehub] lines to stderr, debug ones only when debug is on", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    createHubLogger(undefined, { debug: false, secrets: [] }).debug("quiet");
    createHubLogger(undefined, { debug: false, secrets: [] }).warn("loud");
    createHubLogger(undefined, { debug: true, secrets: [] }).debug("now visible");
    expect(write.mock.calls.map(([line]) => line)).toEqual([
      "[tracehub] warn: loud\n",
      "[tracehub] debug: now visible\n",
    ]);
  });

  it("scrubs secrets and swallows a throwing logger", () => {
    const log = recordingLogger();
    createHubLogger(log, { debug: true, secrets: ["tok-9876"] }).debug("sent tok-9876");
    expect(log.debugs).toEqual(["sent [REDACTED]"]);
    const throwing = createHubLogger(
      {
        debug: () => {
          throw new Error("x");
        },
        warn: () => {
          throw new Error("x");
        },
      },
      { debug: true, secrets: [] },
    );
    expect(() => throwing.warn("w")).not.toThrow();
    expect(() => throwing.debug("d")).not.toThrow();
  });
});
