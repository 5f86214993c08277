// Defaults of the hub settings, used when neither code nor environment sets them.
// Retry settings have none here: the delivery queue owns those defaults.
import os from "node:os";
import path from "node:path";

export const HUB_DEFAULTS = {
  serviceName: "unknown_service:node",
  sampleRate: 1,
  hideInputs: false,
  hideOutputs: false,
  debug: false,
  maxFieldBytes: 1_000_000,
  flushIntervalMs: 1_000,
  // OpenTelemetry's BatchSpanProcessor silently drops past 2048 spans; hold more.
  maxQueueItems: 10_000,
  maxQueueBytes: 64 * 1024 * 1024,
  registerShutdownHooks: true,
} as const;

/** `<os tmpdir>/tracehub-spool`. */
export function defaultSpoolDir(): string {
  return path.join(os.tmpdir(), "tracehub-spool");
}
