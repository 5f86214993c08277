// A tracehub Score → a LangSmith feedback record (POST /feedback). The score's
// id becomes the feedback id, so a re-sent score is recognised by the server.
import { toSafeValue, type Score } from "@tracehub/core";
import { feedbackIdFor } from "./run-ids.js";
import type { RunLineage } from "./span-lineage.js";

export interface LangSmithFeedback {
  id: string;
  run_id: string;
  trace_id: string;
  key: string;
  score?: number | boolean;
  value?: string;
  comment?: string;
  feedback_source: { type: "api" | "model" | "app"; metadata: Record<string, unknown> };
}

/** LangSmith's feedback source types: "model" for automatic evaluators, "app" for end users. */
const SOURCE_TYPES = { api: "api", evaluator: "model", user: "app" } as const;

export function toLangSmithFeedback(score: Score, run: RunLineage): LangSmithFeedback {
  const feedback: LangSmithFeedback = {
    id: feedbackIdFor(score.id),
    run_id: run.runId,
    trace_id: run.traceRunId,
    key: score.name,
    // The caller's metadata as given: a BigInt or a cycle must not sink the request.
    feedback_source: { type: SOURCE_TYPES[score.source] ?? "api", metadata: safeMetadata(score.metadata) },
  };
  // LangSmith keeps numbers and booleans as `score` (aggregated in charts), text as `value`.
  if (typeof score.value === "string") feedback.value = score.value;
  else feedback.score = score.value;
  if (score.comment !== undefined) feedback.comment = score.comment;
  return feedback;
}

function safeMetadata(metadata: Score["metadata"]): Record<string, unknown> {
  const safe = metadata === undefined ? undefined : toSafeValue(metadata);
  return typeof safe === "object" && safe !== null && !Array.isArray(safe) ? (safe as Record<string, unknown>) : {};
}
