// Attribute keys with an index in them (`retrieval.documents.3.document.id`)
// built once and reused, as FixedKeys: a string built afresh per span must be
// hashed again at every lookup, which costs more than writing the attribute.
import { FixedKey } from "./fixed-keys.js";

const MAX_CACHED_INDEX = 256;

/**
 * Returns `keysAt(i)`: for each name in `suffixes`, the key `${prefix}.${i}.${suffix}`,
 * the same FixedKeys every time for i below 256 (plain strings past that).
 */
export function indexedKeys<S extends string>(
  prefix: string,
  suffixes: readonly S[],
): (index: number) => Readonly<Record<S, FixedKey | string>> {
  const cache: Record<S, FixedKey>[] = [];
  const build = <K>(index: number, key: (name: string) => K): Record<S, K> => {
    const keys = {} as Record<S, K>;
    for (const suffix of suffixes) keys[suffix] = key(`${prefix}.${index}.${suffix}`);
    return keys;
  };
  return (index) => {
    if (index >= MAX_CACHED_INDEX) return build(index, (name) => name);
    return (cache[index] ??= build(index, (name) => new FixedKey(name)));
  };
}
