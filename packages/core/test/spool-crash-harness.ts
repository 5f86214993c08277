// Measures what `kill -9` loses: a child ends spans at a steady rate with its
// backend down, is killed with SIGKILL, and a second process started on the
// same spool directory re-sends what the first left on disk. Reusable by the
// fault matrix (issue 8): every figure is returned, nothing is asserted here.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("./fixtures/spool-child.mjs", import.meta.url));

export interface Kill9Options {
  spoolDir: string;
  /** TRACEHUB_SPOOL_INTERVAL_MS of the producer. */
  intervalMs: number;
  /** Batching interval of the producer. */
  flushIntervalMs: number;
  /** One span every this many ms. */
  everyMs: number;
  /** How long the producer runs before SIGKILL. */
  runMs: number;
}

export interface Kill9Outcome {
  produced: number;
  recovered: number;
  duplicates: number;
  /** Spans produced and never re-sent. */
  lost: number;
  /** Age at the kill of the oldest lost span (0 when none was lost). */
  oldestLostAgeMs: number;
  /** Age at the kill of every lost span, oldest first. */
  lostAgesMs: number[];
  recoverStats: Record<string, unknown>;
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the fixture in `mode`; `onLine` sees each stdout line and may return true to SIGKILL it. */
export function runChild(args: string[], onLine?: (line: string) => boolean, timeoutMs = 15_000): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CHILD, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let partial = "";
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`child ${args[0]} did not finish: ${stderr}`));
    }, timeoutMs);
    proc.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      partial += chunk.toString();
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) if (onLine?.(line) === true && proc.exitCode === null) proc.kill("SIGKILL");
    });
    proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Parses "received [...]" and "stats {...}" from a recover run. */
export function readRecovery(stdout: string): { received: number[]; stats: Record<string, unknown> } {
  const received = /^received (.*)$/m.exec(stdout)?.[1];
  const stats = /^stats (.*)$/m.exec(stdout)?.[1];
  return { received: received ? (JSON.parse(received) as number[]) : [], stats: stats ? JSON.parse(stats) : {} };
}

export async function measureKill9Loss(options: Kill9Options): Promise<Kill9Outcome> {
  const createdAt = new Map<number, number>();
  let startedAt: number | undefined;
  let killedAt = 0;
  const args = ["produce", options.spoolDir, options.intervalMs, options.flushIntervalMs, options.everyMs].map(String);
  const producer = await runChild(args, (line) => {
    const match = /^p (\d+) (\d+)$/.exec(line);
    if (match === null) return false;
    const at = Number(match[2]);
    createdAt.set(Number(match[1]), at);
    startedAt ??= at;
    if (at - startedAt < options.runMs) return false;
    killedAt = Date.now();
    return true;
  });
  if (producer.signal !== "SIGKILL") throw new Error(`producer ended without SIGKILL: ${producer.stderr}`);

  const recovery = await runChild(["recover", options.spoolDir]);
  const { received, stats } = readRecovery(recovery.stdout);
  const unique = new Set(received);
  const lost = [...createdAt.keys()].filter((seq) => !unique.has(seq)).sort((a, b) => a - b);
  const lostAgesMs = lost.map((seq) => killedAt - (createdAt.get(seq) as number));
  return {
    produced: createdAt.size,
    recovered: unique.size,
    duplicates: received.length - unique.size,
    lost: lost.length,
    oldestLostAgeMs: lostAgesMs.length === 0 ? 0 : Math.max(...lostAgesMs),
    lostAgesMs,
    recoverStats: stats,
  };
}
