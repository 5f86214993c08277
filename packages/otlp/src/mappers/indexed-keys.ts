// Attribute keys with an index in them (`retrieval.documents.3.document.id`)
// built once and reused: a string built afresh per span must be hashed again
// at every lookup, which costs more than writing the attribute.

const MAX_CACHED_INDEX = 256;

/**
 * Returns `keysAt(i)`: for each name in `suffixes`, the key `${prefix}.${i}.${suffix}`,
 * the same string objects every time for i below 256.
 */
export function indexedKeys<S extends string>(prefix: string, suffixes: readonly S[]): (index: number) => Readonly<Record<S, string>> {
  const cache: Record<S, string>[] = [];
  const build = (index: number): Record<S, string> => {
    const keys = {} as Record<S, string>;
    for (const suffix of suffixes) keys[suffix] = `${prefix}.${index}.${suffix}`;
    return keys;
  };
  return (index) => {
    if (index >= MAX_CACHED_INDEX) return build(index);
    return (cache[index] ??= build(index));
  };
}
