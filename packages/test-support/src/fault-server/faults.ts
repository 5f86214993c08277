// The faults a fake backend can inject, and the seeded draw that decides,
// request by request, whether the fault strikes. Each server draws from its own
// seeded generator, so a scenario's sequence of decisions is the same on every
// run (which request meets which decision still depends on arrival order).

/**
 * - `healthy`: every request is acknowledged.
 * - `errors`: a share of requests answered with a 5xx status (drawn from `statuses`).
 * - `throttle`: a share of requests answered 429 with `Retry-After: retryAfterSeconds`.
 * - `outage`: every request fails: `refuse` resets each connection as it is accepted
 *   (the client sees a connection error, as when refused),
 *   `unavailable` answers 503 to everything.
 * - `latency`: a share of requests answered only after `delayMs`.
 * - `reset`: a share of requests have their socket destroyed mid-request (no answer).
 * - `hang`: requests are read and never answered (until the fault changes).
 */
export type Fault =
  | { kind: "healthy" }
  | { kind: "errors"; rate: number; statuses?: readonly number[] }
  | { kind: "throttle"; rate: number; retryAfterSeconds: number }
  | { kind: "outage"; mode: "refuse" | "unavailable" }
  | { kind: "latency"; rate: number; delayMs: number }
  | { kind: "reset"; rate: number }
  | { kind: "hang" };

/** What the server does with one request. */
export type FaultAction =
  | { kind: "answer"; delayMs: number }
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  | { kind: "reset"; midBody: boolean }
  | { kind: "hang" };

/** 5xx statuses every backend's protocol says to retry (OTLP retries only 502, 503 and 504). */
export const RETRYABLE_5XX: readonly number[] = [502, 503, 504];

/** mulberry32: a small, fast, seedable uniform source in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides the fate of the next ingestion request under `fault`. */
export function decide(fault: Fault, random: () => number): FaultAction {
  switch (fault.kind) {
    case "healthy":
      return { kind: "answer", delayMs: 0 };
    case "errors": {
      if (random() >= fault.rate) return { kind: "answer", delayMs: 0 };
      const statuses = fault.statuses ?? RETRYABLE_5XX;
      const status = statuses[Math.floor(random() * statuses.length)] ?? 503;
      return { kind: "status", status };
    }
    case "throttle":
      return random() < fault.rate
        ? { kind: "status", status: 429, retryAfterSeconds: fault.retryAfterSeconds }
        : { kind: "answer", delayMs: 0 };
    case "outage":
      // "refuse" rarely reaches here: connections are reset as they are accepted.
      return { kind: "status", status: 503 };
    case "latency":
      return { kind: "answer", delayMs: random() < fault.rate ? fault.delayMs : 0 };
    case "reset":
      return random() < fault.rate ? { kind: "reset", midBody: random() < 0.5 } : { kind: "answer", delayMs: 0 };
    case "hang":
      return { kind: "hang" };
  }
}

/** A short label for tables: "errors 30%", "throttle 100% (Retry-After 1 s)". */
export function describeFault(fault: Fault): string {
  const pct = (rate: number) => `${Math.round(rate * 100)}%`;
  switch (fault.kind) {
    case "healthy":
    case "hang":
      return fault.kind;
    case "errors":
      return `errors ${pct(fault.rate)}`;
    case "throttle":
      return `429 ${pct(fault.rate)} (Retry-After ${fault.retryAfterSeconds} s)`;
    case "outage":
      return `outage (${fault.mode})`;
    case "latency":
      return `latency ${pct(fault.rate)} × ${fault.delayMs} ms`;
    case "reset":
      return `resets ${pct(fault.rate)}`;
  }
}
