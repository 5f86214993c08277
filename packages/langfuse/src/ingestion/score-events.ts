// Scores as `score-create` events, still accepted by /api/public/ingestion on
// every Langfuse version. Ids are the spans' own hex ids, which is what the
// OTLP endpoint stores as trace and observation ids, so scores attach in both
// modes. BOOLEAN values must be 0 or 1; CATEGORICAL values strings.
import { toSafeValue, type Score, type ScoreSource } from "@tracehub/core";
import { ingestionEvent, type IngestionEvent } from "./ingestion-event.js";

// Langfuse's ANNOTATION means "annotated in the Langfuse UI": end-user feedback arrives over the API.
const SOURCES: Readonly<Record<ScoreSource, string>> = { api: "API", evaluator: "EVAL", user: "API" };

function scoreValue(score: Score): number | string {
  const { value } = score;
  switch (score.dataType) {
    case "boolean":
      return value === true || value === 1 || value === "true" ? 1 : 0;
    case "categorical":
      return String(value);
    default:
      return typeof value === "number" ? value : Number(value);
  }
}

export function scoreCreateEvent(score: Score, environment: string | undefined): IngestionEvent {
  return ingestionEvent("score-create", new Date(score.time).toISOString(), {
    id: score.id,
    traceId: score.traceId,
    observationId: score.spanId,
    name: score.name,
    value: scoreValue(score),
    dataType: score.dataType.toUpperCase(),
    comment: score.comment,
    source: SOURCES[score.source] ?? "API",
    metadata: scoreMetadata(score),
    environment,
  });
}

/** The score's metadata as JSON-safe data: it is the caller's object as given (a BigInt or a cycle would sink the batch). */
function scoreMetadata(score: Score): unknown {
  const metadata = score.source === "user" ? { ...score.metadata, "tracehub.source": "user" } : score.metadata;
  return metadata === undefined ? undefined : toSafeValue(metadata);
}
