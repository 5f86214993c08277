// Langfuse's batch ingestion body as its server would parse it, limited to the
// one event type tracehub still sends there in OTLP mode: `score-create`.
// Written from the fern definition (fern/apis/server/definition/ingestion.yml,
// as generated into langfuse-core's OpenAPI types: BaseEvent, ScoreEvent,
// ScoreBody, CreateScoreValue, ScoreDataType) plus the rules its docs state:
// BOOLEAN values are 0 or 1, CATEGORICAL values strings, the envelope id a UUID.
// Unknown keys are allowed, as the server's zod parsing strips them.
import { z } from "./zod.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;
/** Langfuse keeps an environment only when it matches this; anything else is silently "default". */
const ENVIRONMENT = /^(?!langfuse)[a-z0-9-_]{1,40}$/;

const isoDateTime = z.string().refine((s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s)), "ISO 8601 UTC datetime");

export const scoreBodySchema = z
  .object({
    id: z.string().min(1).optional(),
    // Optional in the definition (session and dataset-run scores), always set by tracehub: OTLP trace ids are hex.
    traceId: z.string().regex(HEX32),
    sessionId: z.string().optional(),
    observationId: z.string().regex(HEX16).optional(),
    datasetRunId: z.string().optional(),
    name: z.string().min(1),
    environment: z.string().regex(ENVIRONMENT).optional(),
    value: z.union([z.number().finite(), z.string()]),
    comment: z.string().optional(),
    metadata: z.unknown().optional(),
    dataType: z.enum(["NUMERIC", "BOOLEAN", "CATEGORICAL"]).optional(),
    configId: z.string().optional(),
  })
  .superRefine((body: any, ctx: any) => {
    if (body.dataType === "BOOLEAN" && body.value !== 0 && body.value !== 1) ctx.addIssue({ code: "custom", message: "BOOLEAN value must be 0 or 1" });
    if (body.dataType === "NUMERIC" && typeof body.value !== "number") ctx.addIssue({ code: "custom", message: "NUMERIC value must be a number" });
    if (body.dataType === "CATEGORICAL" && typeof body.value !== "string") ctx.addIssue({ code: "custom", message: "CATEGORICAL value must be a string" });
  });

export const scoreCreateEventSchema = z.object({
  id: z.string().regex(UUID),
  timestamp: isoDateTime,
  type: z.literal("score-create"),
  metadata: z.unknown().optional(),
  body: scoreBodySchema,
});

export const ingestionRequestSchema = z.object({ batch: z.array(scoreCreateEventSchema).min(1) });

export interface IngestionCheck {
  problems: string[];
  /** body.id of every score sent. */
  scoreIds: string[];
}

export function checkIngestionBody(body: Uint8Array): IngestionCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (error) {
    return { problems: [`ingestion body is not UTF-8 JSON: ${String(error)}`], scoreIds: [] };
  }
  const result = ingestionRequestSchema.safeParse(parsed);
  if (!result.success) {
    return { problems: result.error.issues.map((i: any) => `ingestion ${i.path.join(".")}: ${i.message}`), scoreIds: [] };
  }
  return { problems: [], scoreIds: result.data.batch.map((e: any) => e.body.id ?? "") };
}
