// Auto-detection from the vendors' own variables, without loading packages.
import { describe, expect, it } from "vitest";
import { detectExporters } from "../src/config/detect-exporters.js";
import { fakeFactory } from "./config-helpers.js";

describe("detectExporters", () => {
  it("finds nothing in an empty environment", () => {
    expect(detectExporters({})).toEqual([]);
  });

  it.each([
    [{ LANGFUSE_PUBLIC_KEY: "pk-lf-1" }, ["langfuse"]],
    [{ LANGSMITH_API_KEY: "lsv2-1" }, ["langsmith"]],
    [{ LANGCHAIN_API_KEY: "ls__legacy" }, ["langsmith"]],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, ["otlp"]],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" }, ["otlp"]],
    [
      { LANGFUSE_PUBLIC_KEY: "pk", LANGSMITH_API_KEY: "ls", OTEL_EXPORTER_OTLP_ENDPOINT: "http://c" },
      ["langfuse", "langsmith", "otlp"],
    ],
  ])("detects %j as %j", (env, expected) => {
    expect(detectExporters(env)).toEqual(expected);
  });

  it("ignores keys that are set but empty", () => {
    expect(detectExporters({ LANGFUSE_PUBLIC_KEY: "", LANGSMITH_API_KEY: "  ", OTEL_EXPORTER_OTLP_ENDPOINT: "" })).toEqual(
      [],
    );
  });

  it("does not need LANGFUSE_SECRET_KEY alone, nor detect Langfuse from it", () => {
    expect(detectExporters({ LANGFUSE_SECRET_KEY: "sk-lf-1" })).toEqual([]);
  });

  it.each([
    [{ LANGSMITH_TRACING: "false" }, []],
    [{ LANGSMITH_TRACING: "FALSE" }, []],
    [{ LANGCHAIN_TRACING_V2: "false" }, []],
    [{ LANGSMITH_TRACING: "true", LANGCHAIN_TRACING_V2: "false" }, ["langsmith"]],
    [{ LANGSMITH_TRACING: "true" }, ["langsmith"]],
    [{ LANGCHAIN_TRACING_V2: "true" }, ["langsmith"]],
  ])("with a LangSmith key, the tracing flags %j give %j", (flags, expected) => {
    expect(detectExporters({ LANGSMITH_API_KEY: "lsv2-1", ...flags })).toEqual(expected);
  });

  it("asks factories supplied in code for other names, and survives one that throws", () => {
    const factories = {
      Custom: fakeFactory("custom", undefined, (env) => env.CUSTOM_URL !== undefined),
      broken: fakeFactory("broken", undefined, () => {
        throw new Error("boom");
      }),
      // A known name keeps the built-in rule: this factory's eager detect does not add it.
      langsmith: fakeFactory("langsmith", undefined, () => true),
    };
    expect(detectExporters({ CUSTOM_URL: "http://x" }, factories)).toEqual(["custom"]);
    expect(detectExporters({}, factories)).toEqual([]);
  });
});
