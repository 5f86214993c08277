// The oldest key of a Map, in O(1) amortised. A fresh `map.keys().next()`
// walks every deleted slot at the front of V8's table until it is rehashed
// (~30 µs per call once a few thousand entries were evicted), so a cursor is
// kept instead: Map iterators stay valid across deletes, inserts and rehashes,
// skip deleted entries and reach entries added (or re-added) after them.
export class OldestFirst<K> {
  readonly #map: Map<K, unknown>;
  #cursor: Iterator<K> | undefined;

  constructor(map: Map<K, unknown>) {
    this.#map = map;
  }

  /** The least recently inserted key still in the map, or undefined when it is empty. */
  next(): K | undefined {
    if (this.#map.size === 0) return undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      this.#cursor ??= this.#map.keys();
      const step = this.#cursor.next();
      if (step.done !== true) return step.value;
      this.#cursor = undefined; // ran past the newest entry: start over from the oldest
    }
    return undefined;
  }
}
