// One export can take several requests (OTLP for spans, the ingestion API for
// scores, a legacy batch split below 3.5 MB). Their outcomes become one
// ExportResult naming exactly which items to retry or drop; what a request
// delivered is never sent again. The longest Retry-After among the failing
// requests travels with the result (`retry` when every request failed that way,
// `partial` with `afterMs` otherwise), so the server's wait is honoured.
import type { ExportResult, RejectedItem } from "@tracehub/core";

export interface RequestOutcome {
  /** The items (span ids, score ids) this request carried. */
  ids: readonly string[];
  result: ExportResult;
}

export function combineOutcomes(outcomes: readonly RequestOutcome[], invalid: readonly RejectedItem[] = []): ExportResult {
  const failing = outcomes.filter((o) => o.result.kind !== "ok");
  if (failing.length === 0) return invalid.length === 0 ? { kind: "ok" } : { kind: "partial", rejected: [...invalid] };
  if (invalid.length === 0 && failing.length === outcomes.length) {
    const same = sameKind(failing);
    if (same === "fail") return { kind: "fail", reason: joinReasons(failing) };
  }
  const afterMs = longestWait(failing);
  if (invalid.length === 0 && failing.length === outcomes.length && failing.every((o) => o.result.kind === "retry")) {
    const reason = joinReasons(failing);
    return afterMs === undefined ? { kind: "retry", reason } : { kind: "retry", afterMs, reason };
  }
  const rejected: RejectedItem[] = [...invalid];
  for (const { ids, result } of failing) {
    if (result.kind === "partial") rejected.push(...result.rejected);
    else if (result.kind === "retry" || result.kind === "fail") {
      const retryable = result.kind === "retry";
      for (const id of ids) rejected.push({ id, retryable, reason: result.reason });
    }
  }
  return afterMs === undefined ? { kind: "partial", rejected } : { kind: "partial", rejected, afterMs };
}

function longestWait(outcomes: readonly RequestOutcome[]): number | undefined {
  let afterMs: number | undefined;
  for (const { result } of outcomes) {
    const wait = result.kind === "retry" || result.kind === "partial" ? result.afterMs : undefined;
    if (wait !== undefined) afterMs = Math.max(afterMs ?? 0, wait);
  }
  return afterMs;
}

function sameKind(outcomes: readonly RequestOutcome[]): ExportResult["kind"] | undefined {
  const first = outcomes[0]?.result.kind;
  return outcomes.every((o) => o.result.kind === first) ? first : undefined;
}

function joinReasons(outcomes: readonly RequestOutcome[]): string {
  const reasons = new Set<string>();
  for (const { result } of outcomes) if (result.kind === "retry" || result.kind === "fail") reasons.add(result.reason);
  return [...reasons].join("; ");
}
