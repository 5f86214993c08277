// Shared test setup: a hub with an in-memory adapter and no env-configured backends.
import { createHub, InMemoryAdapter, type Hub, type HubOptions } from "../src/index.js";

export async function memoryHub(options: HubOptions = {}): Promise<{ hub: Hub; memory: InMemoryAdapter }> {
  const memory = new InMemoryAdapter();
  const hub = await createHub({
    env: {},
    registerShutdownHooks: false,
    flushIntervalMs: 10,
    ...options,
    adapters: [memory, ...(options.adapters ?? [])],
  });
  return { hub, memory };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
