// Options of the OTLP adapter: the zod schema for options given in code, and
// how code, environment (OTEL_EXPORTER_OTLP_*) and defaults combine: code wins,
// then the environment, then the defaults. Every problem is a ConfigProblem;
// header values are never quoted.
import { z } from "zod";
import type { AdapterLimits, AdapterSettings, ConfigProblem } from "@tracehub/core";
import { adapterOptionProblems } from "@tracehub/core";
import { DEFAULT_ATTRIBUTE_MAPPERS } from "../encode/encode-trace-request.js";
import type { AttributeEntries } from "../encode/request-emitter.js";
import { spanAttributes, type SpanAttributeMapper } from "../mappers/attribute-mapper.js";
import { genAiAttributeMapper } from "../mappers/genai-attributes.js";
import { openInferenceAttributeMapper } from "../mappers/openinference-attributes.js";
import { tracehubAttributes } from "../mappers/tracehub-attributes.js";
import { isHttpUrl, readOtlpEnv, tracesUrl, type OtlpCompression, type OtlpProtocol } from "./otlp-env.js";

export interface OtlpAdapterOptions {
  /** Full traces URL, used as is (like OTEL_EXPORTER_OTLP_TRACES_ENDPOINT). */
  url?: string;
  /** Base URL; `/v1/traces` is appended (like OTEL_EXPORTER_OTLP_ENDPOINT). */
  endpoint?: string;
  /** Default "http/protobuf". */
  protocol?: OtlpProtocol;
  /** Default "none". */
  compression?: OtlpCompression;
  /** Per request, in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** Sent with every request; merged over OTEL_EXPORTER_OTLP_HEADERS, key by key. */
  headers?: Record<string, string>;
  /** Resource attributes, merged over OTEL_RESOURCE_ATTRIBUTES. */
  resourceAttributes?: Record<string, string | number | boolean>;
  /** GenAI semantic-convention attributes. Default true. */
  genAi?: boolean;
  /** OpenInference attributes. Default true. */
  openInference?: boolean;
  /** `tracehub.*` extras (retries, rate limits, time to first token). Default true. */
  tracehubAttributes?: boolean;
  /** Message content (inputs, outputs, messages) in attributes. Default true; core's hideInputs/hideOutputs apply first. */
  content?: boolean;
  /** More mappers, run after the built-in ones. */
  extraAttributeMappers?: SpanAttributeMapper[];
  /** Scores as `gen_ai.evaluation.result` events. Default true. */
  scoreEvents?: boolean;
  /** Queue limits; defaults 512 items, 4 MiB, 2 concurrent requests. */
  maxBatchItems?: number;
  maxBatchBytes?: number;
  concurrency?: number;
}

export interface ResolvedOtlpConfig {
  url: string;
  protocol: OtlpProtocol;
  compression: OtlpCompression;
  timeoutMs: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  resource: AttributeEntries;
  mappers: readonly SpanAttributeMapper[];
  scoreEvents: boolean;
  limits: Required<AdapterLimits>;
}

export const DEFAULT_OTLP_URL = "http://localhost:4318/v1/traces";
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_LIMITS: Required<AdapterLimits> = { maxBatchItems: 512, maxBatchBytes: 4 * 1024 * 1024, concurrency: 2 };

const positiveInt = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const isMapper = (value: unknown): value is SpanAttributeMapper => typeof value === "function";

export const otlpOptionsSchema = z.strictObject({
  url: z.string().refine(isHttpUrl).optional(),
  endpoint: z.string().refine(isHttpUrl).optional(),
  protocol: z.enum(["http/protobuf", "http/json"]).optional(),
  compression: z.enum(["gzip", "none"]).optional(),
  timeoutMs: positiveInt.max(600_000).optional(),
  headers: z.record(z.string().regex(HEADER_NAME), z.string()).optional(),
  resourceAttributes: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()])).optional(),
  genAi: z.boolean().optional(),
  openInference: z.boolean().optional(),
  tracehubAttributes: z.boolean().optional(),
  content: z.boolean().optional(),
  extraAttributeMappers: z.array(z.custom<SpanAttributeMapper>(isMapper)).optional(),
  scoreEvents: z.boolean().optional(),
  maxBatchItems: positiveInt.optional(),
  maxBatchBytes: positiveInt.optional(),
  concurrency: positiveInt.max(64).optional(),
});

const EXPECTED: Record<string, string> = {
  url: "an http:// or https:// URL",
  endpoint: "an http:// or https:// URL",
  protocol: `"http/protobuf" or "http/json"`,
  compression: `"gzip" or "none"`,
  timeoutMs: "a whole number of milliseconds from 1 to 600000",
  headers: "an object of header names to string values",
  resourceAttributes: "an object of attribute names to strings, numbers or booleans",
  extraAttributeMappers: "an array of functions (span, add) => void",
  concurrency: "a whole number from 1 to 64",
};

/** Every problem with the code options and the environment, or the resolved configuration. */
export function resolveOtlpConfig(
  options: unknown,
  env: Readonly<Record<string, string | undefined>>,
  settings: Pick<AdapterSettings, "serviceName">,
): { ok: true; config: ResolvedOtlpConfig } | { ok: false; problems: ConfigProblem[] } {
  const problems = validateCodeOptions(options);
  const fromEnv = readOtlpEnv(env);
  problems.push(...fromEnv.problems);
  if (problems.length > 0) return { ok: false, problems };

  const code = (options ?? {}) as OtlpAdapterOptions;
  const e = fromEnv.values;
  const headers = { ...e.headers };
  for (const [key, value] of Object.entries(code.headers ?? {})) headers[key.toLowerCase()] = value;

  return {
    ok: true,
    config: {
      url: code.url ?? (code.endpoint !== undefined ? tracesUrl(code.endpoint) : undefined) ?? e.url ?? DEFAULT_OTLP_URL,
      protocol: code.protocol ?? e.protocol ?? "http/protobuf",
      compression: code.compression ?? e.compression ?? "none",
      timeoutMs: code.timeoutMs ?? e.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers,
      resource: resource(e.resourceAttributes, code.resourceAttributes, settings.serviceName),
      mappers: mappers(code),
      scoreEvents: code.scoreEvents ?? true,
      limits: {
        maxBatchItems: code.maxBatchItems ?? DEFAULT_LIMITS.maxBatchItems,
        maxBatchBytes: code.maxBatchBytes ?? DEFAULT_LIMITS.maxBatchBytes,
        concurrency: code.concurrency ?? DEFAULT_LIMITS.concurrency,
      },
    },
  };
}

function validateCodeOptions(options: unknown): ConfigProblem[] {
  if (options === undefined || options === null) return [];
  const parsed = otlpOptionsSchema.safeParse(options);
  if (parsed.success) return [];
  return adapterOptionProblems("otlp", parsed.error.issues, { known: Object.keys(otlpOptionsSchema.shape), expected: EXPECTED });
}

/** OTEL_RESOURCE_ATTRIBUTES, then code; service.name from the hub unless it is only the default. */
function resource(
  fromEnv: Record<string, string>,
  fromCode: Record<string, string | number | boolean> | undefined,
  serviceName: string,
): AttributeEntries {
  const attributes: Record<string, string | number | boolean> = { ...fromEnv, ...fromCode };
  if (!serviceName.startsWith("unknown_service") || attributes["service.name"] === undefined) {
    attributes["service.name"] = serviceName;
  }
  return attributes;
}

function mappers(code: OtlpAdapterOptions): readonly SpanAttributeMapper[] {
  const defaults =
    code.genAi === undefined &&
    code.openInference === undefined &&
    code.tracehubAttributes === undefined &&
    code.content === undefined &&
    code.extraAttributeMappers === undefined;
  if (defaults) return DEFAULT_ATTRIBUTE_MAPPERS;
  const content = code.content ?? true;
  const list: SpanAttributeMapper[] = [spanAttributes];
  if (code.genAi ?? true) list.push(genAiAttributeMapper({ content }));
  if (code.openInference ?? true) list.push(openInferenceAttributeMapper({ content }));
  if (code.tracehubAttributes ?? true) list.push(tracehubAttributes);
  list.push(...(code.extraAttributeMappers ?? []));
  return list;
}
