// Exporters built into core itself, so they load without any package.
import type { AdapterFactory } from "../adapter.js";
import { InMemoryAdapter } from "../adapters/in-memory-adapter.js";

/** `memory`: keeps spans and scores in process, for tests and local inspection. */
export const memoryAdapterFactory: AdapterFactory = {
  name: "memory",
  // Never auto-detected: nothing in the environment asks for an in-memory store.
  detect: () => false,
  create: () => ({ ok: true, adapter: new InMemoryAdapter() }),
};

export const BUILTIN_FACTORIES: Readonly<Record<string, AdapterFactory>> = {
  memory: memoryAdapterFactory,
};
