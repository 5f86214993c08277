// Turns what a caller passes to `score()` into a Score record, inferring the data
// type from the value. Bad input is reported through the logger, never thrown.
import type { Logger } from "../adapter.js";
import type { Score, ScoreDataType, ScoreSource, ScoreValue } from "../model/score.js";
import { toSafeValue } from "../serialize/safe-value.js";
import { nowMs } from "../util/clock.js";
import { isValidSpanId, isValidTraceId, newUuid } from "../util/ids.js";

export interface ScoreInput {
  traceId: string;
  spanId?: string;
  name: string;
  value: ScoreValue;
  dataType?: ScoreDataType;
  comment?: string;
  source?: ScoreSource;
  /** A stable id makes re-sending the same score idempotent; a UUID by default. */
  id?: string;
  metadata?: Record<string, unknown>;
}

function inferDataType(value: ScoreValue): ScoreDataType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "numeric";
  return "categorical";
}

function valueMatches(value: ScoreValue, dataType: ScoreDataType): boolean {
  if (dataType === "numeric") return typeof value === "number" && Number.isFinite(value);
  if (dataType === "boolean") return typeof value === "boolean" || value === 0 || value === 1;
  return typeof value === "string";
}

const SOURCES = new Set<ScoreSource>(["api", "evaluator", "user"]);

/** A Score from caller input, or undefined (with a warning) when the input is unusable. */
export function buildScore(input: ScoreInput, log: Logger): Score | undefined {
  try {
    if (input === null || typeof input !== "object") throw new Error("a score needs an object");
    const { traceId, spanId, name, value } = input;
    if (!isValidTraceId(traceId)) throw new Error("traceId must be 32 lowercase hex characters");
    if (spanId !== undefined && !isValidSpanId(spanId)) throw new Error("spanId must be 16 lowercase hex characters");
    if (typeof name !== "string" || name === "") throw new Error("a score needs a name");
    const dataType = input.dataType ?? inferDataType(value);
    if (!valueMatches(value, dataType)) {
      // String(), not JSON: NaN and Infinity would read as "null".
      const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
      throw new Error(`value ${shown} is not ${dataType}`);
    }
    const score: Score = {
      id: typeof input.id === "string" && input.id !== "" ? input.id : newUuid(),
      traceId,
      spanId,
      name,
      value,
      dataType,
      source: input.source !== undefined && SOURCES.has(input.source) ? input.source : "api",
      time: nowMs(),
    };
    if (typeof input.comment === "string") score.comment = input.comment;
    if (input.metadata !== null && typeof input.metadata === "object") {
      // JSON-safe once, here, as span payloads are at finalisation: adapters may rely on it.
      const metadata = toSafeValue(input.metadata);
      if (metadata !== null && typeof metadata === "object" && !Array.isArray(metadata)) score.metadata = metadata as Record<string, unknown>;
    }
    return score;
  } catch (error) {
    log.warn(`score ignored: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
