// Splits the runs of one export into requests the server accepts: at most
// `maxRuns` runs and `maxBytes` bytes each (LangSmith's /info limits). A run
// larger than `maxBytes` on its own still goes, alone, so the server's answer
// (413) is about that run only.
import type { EncodedRun } from "./multipart-body.js";

export function chunkRuns(runs: readonly EncodedRun[], maxRuns: number, maxBytes: number): EncodedRun[][] {
  const chunks: EncodedRun[][] = [];
  let current: EncodedRun[] = [];
  let bytes = 0;
  for (const run of runs) {
    const full = current.length >= maxRuns || (current.length > 0 && bytes + run.bytes > maxBytes);
    if (full) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(run);
    bytes += run.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
