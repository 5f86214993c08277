// A hub with an in-memory adapter, and a wait for the spans the wrapper ends
// asynchronously (after the caller already has its result).
import { createHub, InMemoryAdapter, type Hub, type ReadonlySpan } from "@tracehub/core";
import { perTest } from "./per-test.js";

export interface TestHub {
  hub: Hub;
  memory: InMemoryAdapter;
  /** Waits until `count` spans were exported (the wrapper ends spans asynchronously) and returns them. */
  spans(count?: number): Promise<ReadonlySpan[]>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function testHub(): Promise<TestHub> {
  const memory = new InMemoryAdapter();
  const hub = await createHub({ env: {}, adapters: [memory], registerShutdownHooks: false });
  return {
    hub,
    memory,
    async spans(count = 1) {
      const deadline = Date.now() + 3_000;
      while (memory.spans.length < count && Date.now() < deadline) {
        await hub.flush();
        if (memory.spans.length < count) await sleep(2);
      }
      return memory.spans;
    },
  };
}

/**
 * A fresh test hub for every test of the calling file (created before each, shut down after each).
 * The returned object always speaks for the current test's hub.
 */
export function useTestHub(): TestHub {
  const live = perTest("useTestHub", testHub, (t) => t.hub.shutdown());
  return {
    get hub() {
      return live().hub;
    },
    get memory() {
      return live().memory;
    },
    spans: (count?: number) => live().spans(count),
  };
}
