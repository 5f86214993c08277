// A Score is the second record of the model: a judgement about a trace or span,
// from the API, an evaluator or a user. Adapters map it (Langfuse score,
// LangSmith feedback, OTLP event).

export type ScoreValue = number | string | boolean;
export type ScoreDataType = "numeric" | "categorical" | "boolean";
export type ScoreSource = "api" | "evaluator" | "user";

export interface Score {
  /** Stable id the backend deduplicates on (UUID). */
  id: string;
  traceId: string;
  spanId?: string | undefined;
  name: string;
  value: ScoreValue;
  dataType: ScoreDataType;
  comment?: string | undefined;
  source: ScoreSource;
  /** Epoch milliseconds. */
  time: number;
  metadata?: Record<string, unknown> | undefined;
}
