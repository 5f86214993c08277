// Heap measurements for the memory-bound scenario: a forced GC (exposed at
// run time, so no node flag is needed) before reading heapUsed, so what is
// compared is what is retained, not garbage waiting for a collection.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let gc: (() => void) | undefined;

function collector(): () => void {
  if (gc === undefined) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  return gc;
}

/** heapUsed after two full collections (the second sweeps what the first's finalizers freed). */
export async function retainedHeapBytes(): Promise<number> {
  const collect = collector();
  collect();
  await new Promise((resolve) => setImmediate(resolve));
  collect();
  return process.memoryUsage().heapUsed;
}
