// Scores as OpenTelemetry sees them: a `gen_ai.evaluation.result` event
// (GenAI semantic conventions, "Evaluation event") on the evaluated span. When
// the span is not in the same batch (scores usually arrive after their span
// was sent), the event rides on a zero-duration child span of the evaluated
// span, named `evaluation {score name}`, which every trace view shows.
import type { Score } from "@tracehub/core";
import type { AttributeEntries } from "./request-emitter.js";

export const EVALUATION_EVENT_NAME = "gen_ai.evaluation.result";

/** Attributes of the evaluation event (and of the span that carries a lone score). */
export function scoreAttributes(score: Score): AttributeEntries {
  const { value } = score;
  let scoreValue: number | undefined;
  let label: string | undefined;
  if (typeof value === "number") scoreValue = value;
  else if (typeof value === "boolean") {
    scoreValue = value ? 1 : 0;
    label = String(value);
  } else label = value;
  return {
    "gen_ai.evaluation.name": score.name,
    "gen_ai.evaluation.score.value": scoreValue,
    "gen_ai.evaluation.score.label": label,
    "gen_ai.evaluation.explanation": score.comment,
    "tracehub.score.id": score.id,
    "tracehub.score.data_type": score.dataType,
    "tracehub.score.source": score.source,
  };
}

/**
 * A span id derived from the score id (64-bit FNV-1a, as two 32-bit lanes), so
 * a retried batch carries the same evaluation span and the backend deduplicates it.
 */
export function evaluationSpanId(scoreId: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < scoreId.length; i++) {
    const c = scoreId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193);
  }
  const id = (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
  return id === "0000000000000000" ? "0000000000000001" : id;
}
