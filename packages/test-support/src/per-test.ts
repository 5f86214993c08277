// A resource that lives for one test at a time: made before each test of the
// calling file, disposed of after each. Helpers hand out a live view of it.
import { afterEach, beforeEach } from "vitest";

/** Registers the hooks; the returned function gives the current test's value (and throws outside a test). */
export function perTest<T>(name: string, make: () => Promise<T>, dispose: (value: T) => Promise<void>): () => T {
  let current: T | undefined;
  beforeEach(async () => {
    current = await make();
  });
  afterEach(async () => {
    if (current !== undefined) await dispose(current);
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error(`${name}: no test is running`);
    return current;
  };
}
