// How an adapter's HTTP request failed before any response came back, as one
// bounded line for stats and logs: "request timed out after 10000 ms",
// "network error: connect ECONNREFUSED 127.0.0.1:4318" … Node's fetch puts the
// useful part (the socket error and its code) in the error's cause.

const MAX_LENGTH = 200;

/** `error`, thrown by fetch with an `AbortSignal.timeout(timeoutMs)`, described in one line. */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `request timed out after ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  const text = typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
  return `network error: ${text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 3)}...` : text}`;
}
