// Calls into an adapter so that nothing it does can hurt the queue: a throw,
// a rejection, a malformed result or a promise that never settles all become
// ExportResult values. A "retry" is the safe reading of each: every span and
// score carries a stable id the backend deduplicates on.
import type { ExportBatch, ExportResult, ObservabilityAdapter } from "../adapter.js";
import { unrefTimer } from "./timers.js";

/** Exports `batch`, resolving within `timeoutMs`; never rejects. */
export function guardedExport(
  adapter: ObservabilityAdapter,
  batch: ExportBatch,
  timeoutMs: number,
): Promise<ExportResult> {
  return new Promise<ExportResult>((resolve) => {
    let settled = false;
    const finish = (result: ExportResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // A hanging adapter must free its concurrency slot; the late result, if any, is ignored.
    const timer = unrefTimer(
      () => finish({ kind: "retry", reason: `export timed out after ${timeoutMs} ms` }),
      timeoutMs,
    );
    try {
      Promise.resolve(adapter.export(batch)).then(
        (result) => {
          try {
            finish(normalizeResult(result));
          } catch (error) {
            finish({ kind: "retry", reason: `export returned an unreadable result: ${describeError(error)}` });
          }
        },
        (error: unknown) => finish({ kind: "retry", reason: `export rejected: ${describeError(error)}` }),
      );
    } catch (error) {
      finish({ kind: "retry", reason: `export threw: ${describeError(error)}` });
    }
  });
}

/** Keeps well-formed results; anything else is a contract violation, read as "retry". */
function normalizeResult(result: unknown): ExportResult {
  if (typeof result !== "object" || result === null) return invalid(result);
  const value = result as Partial<Record<string, unknown>>;
  switch (value.kind) {
    case "ok":
      return { kind: "ok" };
    case "fail":
      return { kind: "fail", reason: String(value.reason ?? "export failed") };
    case "retry": {
      const reason = String(value.reason ?? "export asked to retry");
      const afterMs = readAfterMs(value.afterMs);
      return afterMs !== undefined ? { kind: "retry", afterMs, reason } : { kind: "retry", reason };
    }
    case "partial": {
      if (!Array.isArray(value.rejected)) return invalid(result);
      const rejected = value.rejected
        .filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null)
        .map((r) => ({
          id: String(r.id),
          retryable: r.retryable === true,
          reason: String(r.reason ?? "rejected"),
        }));
      const afterMs = readAfterMs(value.afterMs);
      return afterMs !== undefined ? { kind: "partial", rejected, afterMs } : { kind: "partial", rejected };
    }
    default:
      return invalid(result);
  }
}

/** A usable wait in ms, or undefined (missing, negative, not a finite number). */
function readAfterMs(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function invalid(result: unknown): ExportResult {
  const kind = typeof result === "object" && result !== null ? (result as { kind?: unknown }).kind : result;
  const shown = typeof kind === "string" ? kind : typeof kind;
  return { kind: "retry", reason: `export returned an invalid result (kind: ${shown})` };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return "unknown error";
  }
}

/**
 * Calls adapter.shutdown() if it has one, waiting at most `timeoutMs`.
 * Returns a problem to report, or undefined when it finished cleanly.
 */
export async function guardedShutdown(
  adapter: ObservabilityAdapter,
  timeoutMs: number,
): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (typeof adapter.shutdown !== "function") return undefined;
    const done = Promise.resolve().then(() => adapter.shutdown?.());
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = unrefTimer(() => resolve("timeout"), timeoutMs);
    });
    const outcome = await Promise.race([done, timedOut]);
    return outcome === "timeout" ? `adapter shutdown did not finish within ${timeoutMs} ms` : undefined;
  } catch (error) {
    return `adapter shutdown failed: ${describeError(error)}`;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
