// Runs a user callback inside a span's scope and ends the span when the callback
// finishes, synchronously or asynchronously. A user error is recorded on the span
// and re-thrown unchanged; tracing itself never throws here.
import type { LiveSpan } from "../span/live-span.js";

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function finishError(span: LiveSpan, error: unknown): void {
  span.recordError(error);
  span.end();
}

/**
 * Calls `fn(span)`; `enter` runs it inside the span's async scope.
 * Returns exactly what `fn` returns for sync results; for thenables, a promise
 * that settles with the same value or the same rejection reason.
 */
export function runInSpan<T>(
  span: LiveSpan,
  enter: <R>(fn: () => R) => R,
  fn: (span: LiveSpan) => T,
): T {
  let result: T;
  try {
    result = enter(() => fn(span));
  } catch (error) {
    finishError(span, error);
    throw error;
  }
  if (!isThenable(result)) {
    span.end();
    return result;
  }
  return Promise.resolve(result).then(
    (value) => {
      span.end();
      return value;
    },
    (error: unknown) => {
      finishError(span, error);
      throw error;
    },
  ) as T;
}
