// Shared fixtures of the spool tests: valid spans, throw-away spool
// directories, and adapters that are down, recovering or recording.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ExportBatch, ExportResult, ObservabilityAdapter } from "../src/adapter.js";
import type { ReadonlySpan } from "../src/model/span.js";

export function spanNo(n: number, name = "work"): ReadonlySpan {
  return {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: n.toString(16).padStart(16, "0"),
    links: [],
    name,
    kind: "span",
    startTime: 1_700_000_000_000 + n,
    endTime: 1_700_000_000_001 + n,
    status: "ok",
    attributes: { seq: n },
    events: [],
    context: { userId: "u-1" },
  };
}

export const seqOf = (span: ReadonlySpan): number => span.attributes.seq as number;

/** A fresh directory under the OS temp dir; `cleanup` removes it. */
export function tempSpoolDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracehub-spool-test-"));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

/** Answers "retry" while `down`, then accepts; records the sequence numbers it accepted, in order. */
export class SwitchableAdapter implements ObservabilityAdapter {
  down = true;
  readonly delivered: number[] = [];
  calls = 0;

  constructor(readonly name = "backend") {}

  async export(batch: ExportBatch): Promise<ExportResult> {
    this.calls++;
    if (this.down) return { kind: "retry", afterMs: 20, reason: "backend down" };
    for (const span of batch.spans) this.delivered.push(seqOf(span));
    return { kind: "ok" };
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 3_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);
