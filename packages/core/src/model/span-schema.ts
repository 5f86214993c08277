// zod schemas of the Span and Score records: for boundaries (JSON lines read
// back, spool files, data from other processes) and tests — never per span on
// the hot path. Types are inferred and checked against the hand-written ones.
import { z } from "zod";
import type { ReadonlySpan } from "./span.js";
import type { Score } from "./score.js";

export const spanKindSchema = z.enum([
  "span",
  "llm",
  "embedding",
  "retriever",
  "reranker",
  "tool",
  "agent",
  "chain",
  "guardrail",
  "evaluator",
  "event",
]);
export const spanStatusSchema = z.enum(["unset", "ok", "error"]);
export const errorCategorySchema = z.enum([
  "rate_limit",
  "timeout",
  "auth",
  "bad_request",
  "not_found",
  "content_filter",
  "server",
  "network",
  "cancelled",
  "unknown",
]);

const traceIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "32 lowercase hex characters");
const spanIdSchema = z.string().regex(/^[0-9a-f]{16}$/, "16 lowercase hex characters");
const epochMsSchema = z.number().finite().nonnegative();

export const attributeValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.array(z.number()),
  z.array(z.boolean()),
]);
export const attributesSchema = z.record(z.string(), attributeValueSchema);

const countSchema = z.number().finite().nonnegative();
export const usageSchema = z
  .object({
    input: countSchema.optional(),
    output: countSchema.optional(),
    total: countSchema.optional(),
    cacheRead: countSchema.optional(),
    cacheWrite: countSchema.optional(),
    reasoning: countSchema.optional(),
  })
  .catchall(countSchema.optional());
export const costSchema = z
  .object({ input: z.number().optional(), output: z.number().optional(), total: z.number().optional() })
  .catchall(z.number().optional());

const rateLimitWindowSchema = z.object({
  limit: z.number().optional(),
  remaining: z.number().optional(),
  resetAt: epochMsSchema.optional(),
});

export const traceContextSchema = z.object({
  traceName: z.string().optional(),
  userId: z.string().optional(),
  sessionId: z.string().optional(),
  tags: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  release: z.string().optional(),
  environment: z.string().optional(),
  version: z.string().optional(),
  serviceName: z.string().optional(),
});

export const spanSchema = z.object({
  traceId: traceIdSchema,
  spanId: spanIdSchema,
  parentSpanId: spanIdSchema.optional(),
  parentIsRemote: z.boolean().optional(),
  links: z.array(z.object({ traceId: traceIdSchema, spanId: spanIdSchema, attributes: attributesSchema.optional() })),
  name: z.string().min(1),
  kind: spanKindSchema,
  startTime: epochMsSchema,
  endTime: epochMsSchema,
  completionStartTime: epochMsSchema.optional(),
  status: spanStatusSchema,
  statusMessage: z.string().optional(),
  error: z
    .object({ type: z.string(), message: z.string(), stack: z.string().optional(), category: errorCategorySchema })
    .optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  attributes: attributesSchema,
  events: z.array(z.object({ name: z.string(), time: epochMsSchema, attributes: attributesSchema.optional() })),
  model: z.string().optional(),
  provider: z.string().optional(),
  modelParameters: z.record(z.string(), z.unknown()).optional(),
  usage: usageSchema.optional(),
  cost: costSchema.optional(),
  prompt: z
    .object({
      name: z.string().optional(),
      version: z.union([z.number(), z.string()]).optional(),
      template: z.union([z.string(), z.array(z.unknown())]).optional(),
      variables: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  retryCount: z.number().int().nonnegative().optional(),
  timeoutMs: z.number().nonnegative().optional(),
  rateLimit: z.record(z.string(), rateLimitWindowSchema).optional(),
  context: traceContextSchema,
});

export const scoreSchema = z.object({
  id: z.string().min(1),
  traceId: traceIdSchema,
  spanId: spanIdSchema.optional(),
  name: z.string().min(1),
  value: z.union([z.number(), z.string(), z.boolean()]),
  dataType: z.enum(["numeric", "categorical", "boolean"]),
  comment: z.string().optional(),
  source: z.enum(["api", "evaluator", "user"]),
  time: epochMsSchema,
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export type SpanData = z.infer<typeof spanSchema>;
export type ScoreData = z.infer<typeof scoreSchema>;

// Compile-time checks: a parsed record is usable wherever the model types are expected.
const _spanFits = (span: SpanData): ReadonlySpan => span;
const _scoreFits = (score: ScoreData): Score => score;
void _spanFits;
void _scoreFits;
