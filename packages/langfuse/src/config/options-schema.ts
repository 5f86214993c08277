// The options the Langfuse adapter takes in code, as a TypeScript type and the
// zod schema that checks them. Unknown keys are refused so typos surface.
import { z } from "zod";
import type { SpanAttributeMapper } from "@tracehub/otlp";

/** "otel": spans over Langfuse's OTLP endpoint (default). "legacy": the batch ingestion API, for older self-hosted servers. */
export type LangfuseIngestion = "otel" | "legacy";
export type LangfuseProtocol = "http/protobuf" | "http/json";

export interface LangfuseAdapterOptions {
  /** `pk-lf-…`. Env LANGFUSE_PUBLIC_KEY. */
  publicKey?: string;
  /** `sk-lf-…`. Env LANGFUSE_SECRET_KEY. */
  secretKey?: string;
  /** Env LANGFUSE_BASE_URL, then LANGFUSE_BASEURL, then LANGFUSE_HOST; default https://cloud.langfuse.com. */
  baseUrl?: string;
  /** Env LANGFUSE_INGESTION; default "otel". */
  ingestion?: LangfuseIngestion;
  /** Langfuse environment of every trace, sanitised to Langfuse's rules. Env LANGFUSE_TRACING_ENVIRONMENT; else the span's. */
  environment?: string;
  /** Env LANGFUSE_RELEASE; else the span's. */
  release?: string;
  /** Share of traces sent to Langfuse, 0..1, decided per trace id. Env LANGFUSE_SAMPLE_RATE; default 1. */
  sampleRate?: number;
  /** Mark every trace public (`langfuse.trace.public`). Default: not set. */
  publicTraces?: boolean;
  /** OTLP body encoding. Default "http/protobuf". */
  protocol?: LangfuseProtocol;
  /** Gzip OTLP bodies. Default true. */
  gzip?: boolean;
  /** Per request, in milliseconds. Env LANGFUSE_TIMEOUT (seconds); default 10000. */
  timeoutMs?: number;
  /** Input, output and metadata longer than this (UTF-8 bytes, once JSON-encoded) are truncated with a marker. Default 1 MiB. */
  maxFieldBytes?: number;
  /** Legacy mode: send agent/tool/chain/retriever/evaluator/embedding/guardrail events (Langfuse ≥ 3.x). false: send them as span/generation events for older servers. Default true. */
  typedObservationEvents?: boolean;
  /** Extra headers on every request (never logged). */
  headers?: Record<string, string>;
  /** More attribute mappers, run after the Langfuse one (OTel mode). */
  extraAttributeMappers?: SpanAttributeMapper[];
  /** Queue limits. Defaults: 512 items, 3 MiB (estimated), 2 requests in flight. */
  maxBatchItems?: number;
  maxBatchBytes?: number;
  concurrency?: number;
}

const positiveInt = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const isMapper = (value: unknown): value is SpanAttributeMapper => typeof value === "function";

export const langfuseOptionsSchema = z.strictObject({
  publicKey: z.string().min(1).optional(),
  secretKey: z.string().min(1).optional(),
  baseUrl: z.string().min(1).optional(),
  ingestion: z.enum(["otel", "legacy"]).optional(),
  environment: z.string().optional(),
  release: z.string().min(1).optional(),
  sampleRate: z.number().min(0).max(1).optional(),
  publicTraces: z.boolean().optional(),
  protocol: z.enum(["http/protobuf", "http/json"]).optional(),
  gzip: z.boolean().optional(),
  timeoutMs: positiveInt.max(600_000).optional(),
  maxFieldBytes: positiveInt.min(1024).optional(),
  typedObservationEvents: z.boolean().optional(),
  headers: z.record(z.string().regex(HEADER_NAME), z.string()).optional(),
  extraAttributeMappers: z.array(z.custom<SpanAttributeMapper>(isMapper)).optional(),
  maxBatchItems: positiveInt.optional(),
  maxBatchBytes: positiveInt.optional(),
  concurrency: positiveInt.max(64).optional(),
});

/** What each option must be, for problem messages (values are never quoted). */
export const OPTION_EXPECTED: Readonly<Record<string, string>> = {
  publicKey: "a Langfuse public key (pk-lf-…)",
  secretKey: "a Langfuse secret key (sk-lf-…)",
  baseUrl: "an http:// or https:// URL",
  ingestion: `"otel" or "legacy"`,
  environment: "a string",
  release: "a non-empty string",
  sampleRate: "a number from 0 to 1",
  publicTraces: "true or false",
  protocol: `"http/protobuf" or "http/json"`,
  gzip: "true or false",
  timeoutMs: "a whole number of milliseconds from 1 to 600000",
  maxFieldBytes: "a whole number of bytes, at least 1024",
  typedObservationEvents: "true or false",
  headers: "an object of header names to string values",
  extraAttributeMappers: "an array of functions (span, add) => void",
  maxBatchItems: "a whole number above 0",
  maxBatchBytes: "a whole number above 0",
  concurrency: "a whole number from 1 to 64",
};
