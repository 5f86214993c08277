// The fault matrix's scenarios: one fault at a time, applied to the three
// network backends at once (the console has no network: it is the control).
// Storms, outages, hangs and latency spikes last a fixed time and then
// recover; 5xx errors and connection resets stay on until everything is
// delivered, so delivery must converge while they persist. (Each latency spike
// costs a send slot the client's whole timeout, so they stop after a while to
// keep the matrix within its time budget.)
import { RETRYABLE_5XX, type FakeBackend, type Fault } from "@tracehub/test-support";
import { REQUEST_TIMEOUT_MS } from "./harness/matrix-hub.js";

export interface Scenario {
  name: string;
  faults: Record<FakeBackend, Fault>;
  /** How long the fault lasts from the start; undefined: until the end. */
  recoverAfterMs?: number;
}

const every = (fault: Fault): Record<FakeBackend, Fault> => ({ otlp: fault, langfuse: fault, langsmith: fault });

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "30% 5xx",
    // OTLP retries only 502/503/504 (a 500 is permanent by its specification); Langfuse and LangSmith retry 500 too.
    faults: {
      otlp: { kind: "errors", rate: 0.3, statuses: RETRYABLE_5XX },
      langfuse: { kind: "errors", rate: 0.3, statuses: [500, ...RETRYABLE_5XX] },
      langsmith: { kind: "errors", rate: 0.3, statuses: [500, ...RETRYABLE_5XX] },
    },
  },
  { name: "429 storm (Retry-After 1 s)", faults: every({ kind: "throttle", rate: 1, retryAfterSeconds: 1 }), recoverAfterMs: 3_000 },
  {
    name: "outage then recovery",
    faults: {
      otlp: { kind: "outage", mode: "refuse" },
      langfuse: { kind: "outage", mode: "unavailable" },
      langsmith: { kind: "outage", mode: "refuse" },
    },
    recoverAfterMs: 3_000,
  },
  // Spikes well past the client's timeout: the client gives up, the server records nothing, the retry delivers.
  {
    name: "latency spikes",
    faults: every({ kind: "latency", rate: 0.15, delayMs: REQUEST_TIMEOUT_MS + 1_000 }),
    recoverAfterMs: 4_000,
  },
  { name: "connection resets", faults: every({ kind: "reset", rate: 0.3 }) },
  { name: "hanging server", faults: every({ kind: "hang" }), recoverAfterMs: 3_000 },
];
