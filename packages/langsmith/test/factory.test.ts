// Settings from LANGSMITH_* (legacy LANGCHAIN_*), code options, and the problems reported for bad values.
import { describe, expect, it } from "vitest";
import type { AdapterSettings, ConfigProblem } from "@tracehub/core";
import { LangSmithAdapter, tracehubAdapter } from "../src/index.js";
import { API_KEY, span } from "./helpers.js";

const notes: string[] = [];
const settings: AdapterSettings = { serviceName: "test", debug: false, log: { debug: (m) => notes.push(m), warn: (m) => notes.push(m) } };
const WORKSPACE = "1f0e9c1a-3b7d-4c2e-9a8b-7c6d5e4f3a2b";

async function create(env: Record<string, string>, options?: unknown): Promise<LangSmithAdapter> {
  const result = await tracehubAdapter.create(env, options, settings);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  expect(result.adapter).toBeInstanceOf(LangSmithAdapter);
  return result.adapter as LangSmithAdapter;
}

/** The x-api-key the adapter sends, seen through a fetch given in code. */
async function sentKey(env: Record<string, string>, options: Record<string, unknown> = {}): Promise<string | null> {
  let key: string | null = null;
  const fetch = async (_url: unknown, init?: RequestInit) => {
    key ??= new Headers(init?.headers).get("x-api-key");
    return new Response("{}", { status: 200 });
  };
  await (await create(env, { ...options, fetch })).export({ spans: [span("00000000000000a0")], scores: [] });
  return key;
}

async function problems(env: Record<string, string>, options?: unknown): Promise<ConfigProblem[]> {
  const result = await tracehubAdapter.create(env, options, settings);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("tracehubAdapter (langsmith)", () => {
  it('is named "langsmith", declares limits for core\'s queue', async () => {
    expect(tracehubAdapter.name).toBe("langsmith");
    const adapter = await create({ LANGSMITH_API_KEY: API_KEY });
    expect(adapter.name).toBe("langsmith");
    expect(adapter.limits).toEqual({ maxBatchItems: 100, maxBatchBytes: 16 * 1024 * 1024, concurrency: 2 });
  });

  it("is detected by its API key unless its tracing switch is off", () => {
    expect(tracehubAdapter.detect({ LANGSMITH_API_KEY: API_KEY })).toBe(true);
    expect(tracehubAdapter.detect({ LANGCHAIN_API_KEY: API_KEY })).toBe(true);
    expect(tracehubAdapter.detect({ LANGSMITH_API_KEY: "  " })).toBe(false);
    expect(tracehubAdapter.detect({})).toBe(false);
    expect(tracehubAdapter.detect({ LANGSMITH_API_KEY: API_KEY, LANGSMITH_TRACING: "false" })).toBe(false);
    expect(tracehubAdapter.detect({ LANGSMITH_API_KEY: API_KEY, LANGCHAIN_TRACING_V2: "false" })).toBe(false);
    expect(tracehubAdapter.detect({ LANGSMITH_API_KEY: API_KEY, LANGSMITH_TRACING_V2: "true", LANGSMITH_TRACING: "false" })).toBe(true);
  });

  it("reads every LANGSMITH_* setting", async () => {
    const adapter = await create({
      LANGSMITH_API_KEY: API_KEY,
      LANGSMITH_ENDPOINT: "https://eu.api.smith.langchain.com/",
      LANGSMITH_PROJECT: "rag-prod",
      LANGSMITH_WORKSPACE_ID: WORKSPACE,
      LANGSMITH_TRACING_SAMPLING_RATE: "0.25",
      LANGSMITH_HIDE_INPUTS: "true",
      LANGSMITH_HIDE_OUTPUTS: "false",
    });
    expect(adapter.options).toMatchObject({
      endpoint: "https://eu.api.smith.langchain.com",
      project: "rag-prod",
      workspaceId: WORKSPACE,
      samplingRate: 0.25,
      hideInputs: true,
      hideOutputs: false,
    });
  });

  it("falls back to the legacy LANGCHAIN_* names, LANGSMITH_* winning when both are set", async () => {
    const legacy = await create({
      LANGCHAIN_API_KEY: "legacy-key-123",
      LANGCHAIN_ENDPOINT: "http://localhost:1984",
      LANGCHAIN_PROJECT: "old-project",
      LANGCHAIN_WORKSPACE_ID: WORKSPACE,
      LANGCHAIN_TRACING_SAMPLING_RATE: "0.5",
      LANGCHAIN_HIDE_INPUTS: "true",
      LANGCHAIN_HIDE_OUTPUTS: "true",
    });
    expect(await sentKey({ LANGCHAIN_API_KEY: "legacy-key-123" })).toBe("legacy-key-123");
    expect(legacy.options).toMatchObject({
      endpoint: "http://localhost:1984",
      project: "old-project",
      workspaceId: WORKSPACE,
      samplingRate: 0.5,
      hideInputs: true,
      hideOutputs: true,
    });
    const both = await create({ LANGSMITH_API_KEY: API_KEY, LANGCHAIN_API_KEY: "legacy-key-123", LANGSMITH_PROJECT: "new", LANGCHAIN_PROJECT: "old" });
    expect(both.options).toMatchObject({ project: "new" });
    expect(await sentKey({ LANGSMITH_API_KEY: API_KEY, LANGCHAIN_API_KEY: "legacy-key-123" })).toBe(API_KEY);
    expect((await create({ LANGSMITH_API_KEY: API_KEY, LANGCHAIN_SESSION: "older" })).options.project).toBe("older");
  });

  it("uses the defaults: the cloud endpoint, project \"default\", everything sent", async () => {
    expect((await create({ LANGSMITH_API_KEY: API_KEY })).options).toMatchObject({
      endpoint: "https://api.smith.langchain.com",
      project: "default",
      workspaceId: undefined,
      samplingRate: 1,
      hideInputs: false,
      hideOutputs: false,
      gzip: undefined,
    });
  });

  it("lets code options win over the environment", async () => {
    const adapter = await create(
      { LANGSMITH_API_KEY: "env-key-1234", LANGSMITH_PROJECT: "env", LANGSMITH_HIDE_INPUTS: "true" },
      { apiKey: API_KEY, project: "code", hideInputs: false, endpoint: "https://self-hosted.example/api/v1" },
    );
    expect(adapter.options).toMatchObject({ project: "code", hideInputs: false, endpoint: "https://self-hosted.example/api/v1" });
    expect(await sentKey({ LANGSMITH_API_KEY: "env-key-1234" }, { apiKey: API_KEY })).toBe(API_KEY);
    // Logging the adapter cannot leak the key.
    expect(JSON.stringify(adapter)).not.toContain(API_KEY);
  });

  it("names a missing API key", async () => {
    expect(await problems({})).toEqual([
      {
        source: "LANGSMITH_API_KEY",
        problem: "LANGSMITH_API_KEY is not set (nor the legacy LANGCHAIN_API_KEY)",
        fix: "Set LANGSMITH_API_KEY to an API key from LangSmith's settings, or pass adapterOptions.langsmith.apiKey",
      },
    ]);
  });

  it("reports every bad value at once, naming the variable it came from, never echoing the key", async () => {
    const found = await problems({
      LANGSMITH_API_KEY: API_KEY,
      LANGSMITH_ENDPOINT: "ftp://user:pw@host",
      LANGCHAIN_WORKSPACE_ID: "my-workspace",
      LANGSMITH_TRACING_SAMPLING_RATE: "1.5",
      LANGSMITH_HIDE_INPUTS: "maybe",
    });
    expect(found.map((p) => p.source)).toEqual([
      "LANGSMITH_ENDPOINT",
      "LANGCHAIN_WORKSPACE_ID",
      "LANGSMITH_TRACING_SAMPLING_RATE",
      "LANGSMITH_HIDE_INPUTS",
    ]);
    expect(found[0]?.problem).toBe('LANGSMITH_ENDPOINT is "ftp://***@host": expected an http(s) URL');
    expect(found[2]).toEqual({
      source: "LANGSMITH_TRACING_SAMPLING_RATE",
      problem: 'LANGSMITH_TRACING_SAMPLING_RATE is "1.5": expected a number from 0 to 1',
      fix: "Set LANGSMITH_TRACING_SAMPLING_RATE to a number from 0 to 1, or unset it",
    });
    expect(JSON.stringify(found)).not.toContain(API_KEY);
  });

  it("checks code options with its zod schema, refusing unknown keys and hiding the key", async () => {
    const found = await problems({}, { apiKey: 42, samplingRate: -1, projcet: "typo" });
    expect(found.map((p) => p.source).sort()).toEqual(["adapterOptions.langsmith.apiKey", "adapterOptions.langsmith.projcet", "adapterOptions.langsmith.samplingRate"]);
    expect(await problems({}, { apiKey: API_KEY, endpoint: "not a url" })).toEqual([
      { source: "adapterOptions.langsmith.endpoint", problem: "adapterOptions.langsmith.endpoint is not an http(s) URL", fix: "Pass an http(s) URL" },
    ]);
  });

  it("still runs when named explicitly with the vendor's tracing switch off, and says so in the debug log", async () => {
    notes.length = 0;
    await create({ LANGSMITH_API_KEY: API_KEY, LANGSMITH_TRACING: "false" });
    expect(notes).toEqual([expect.stringContaining("LANGSMITH_TRACING is off")]);
  });
});
