// Adapter bugs the fault matrix found that are not fixed yet (the adapter
// packages are owned elsewhere). While one is listed here, the matrix
// tolerates its symptom and prints it; known-adapter-bugs.test.ts reproduces
// it deterministically with `it.fails`, so the fix makes that test fail until
// the entry is removed here, which re-arms the matrix's strict assertion.
import type { AdapterName } from "./matrix-hub.js";

export interface KnownBug {
  adapter: AdapterName;
  symptom: "duplicates";
  description: string;
}

// Empty: the Langfuse duplicate-resend bug this matrix found (combineOutcomes retrying a
// whole export when only one of its requests was throttled) is fixed; its reproduction in
// known-adapter-bugs.test.ts now runs as a plain regression test.
export const KNOWN_ADAPTER_BUGS: readonly KnownBug[] = [];

export function knownBug(adapter: AdapterName, symptom: KnownBug["symptom"]): KnownBug | undefined {
  return KNOWN_ADAPTER_BUGS.find((bug) => bug.adapter === adapter && bug.symptom === symptom);
}
