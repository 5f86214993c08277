// Outcomes of the requests one export made, per item, folded into the single
// ExportResult core's queue acts on: all delivered → ok; all to retry → retry
// (keeping the longest Retry-After); all failed → fail; a mix → partial.
import type { ExportResult, RejectedItem } from "@tracehub/core";
import type { RequestOutcome } from "./response-outcome.js";

export interface ItemOutcome {
  /** Span ids of runs, ids of scores. */
  ids: readonly string[];
  outcome: RequestOutcome;
}

/**
 * After this outcome the remaining requests of the export are not made: the
 * server is throttling or down (they would fare the same), or it refuses the
 * credentials (every request would be refused).
 */
export function endsExport(outcome: RequestOutcome): boolean {
  return outcome.kind === "retry" || (outcome.kind === "fail" && (outcome.status === 401 || outcome.status === 403));
}

/** Sends `requests` in order, stopping early per `endsExport`; skipped requests share the outcome that stopped them. */
export async function sendInOrder<T>(
  requests: readonly T[],
  idsOf: (request: T) => readonly string[],
  send: (request: T) => Promise<RequestOutcome>,
): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = [];
  let stopped: RequestOutcome | undefined;
  for (const request of requests) {
    const ids = idsOf(request);
    const outcome = stopped ?? (await send(request));
    outcomes.push({ ids, outcome });
    if (stopped === undefined && endsExport(outcome)) stopped = outcome;
  }
  return outcomes;
}

export function toExportResult(outcomes: readonly ItemOutcome[]): ExportResult {
  const rejected: RejectedItem[] = [];
  let total = 0;
  let retryCount = 0;
  let failCount = 0;
  let afterMs: number | undefined;
  let firstRetry: string | undefined;
  let firstFail: string | undefined;
  for (const { ids, outcome } of outcomes) {
    total += ids.length;
    if (outcome.kind === "ok") continue;
    const retryable = outcome.kind === "retry";
    for (const id of ids) rejected.push({ id, retryable, reason: outcome.reason });
    if (outcome.kind === "retry") {
      retryCount += ids.length;
      firstRetry ??= outcome.reason;
      if (outcome.afterMs !== undefined) afterMs = Math.max(afterMs ?? 0, outcome.afterMs);
    } else {
      failCount += ids.length;
      firstFail ??= outcome.reason;
    }
  }
  if (rejected.length === 0) return { kind: "ok" };
  if (retryCount === total && firstRetry !== undefined) {
    return afterMs === undefined ? { kind: "retry", reason: firstRetry } : { kind: "retry", afterMs, reason: firstRetry };
  }
  if (failCount === total && firstFail !== undefined) return { kind: "fail", reason: firstFail };
  return { kind: "partial", rejected };
}
