// Attribute keys repeat across every span of a batch (the same few dozen
// convention names), so each key is encoded once per request and copied as
// bytes afterwards. The same table deduplicates keys within a span: an entry
// remembers the last span that used it, which costs less than a Set per span.
// Keys the built-in mappers name as FixedKeys find their entry by slot index.
import type { FixedKey } from "../mappers/fixed-keys.js";

export class KeyEntry {
  /** Serial of the span that last used this key. */
  usedBy = -1;
  /** The emitter's encoding of the key, filled on first use. */
  bytes: Uint8Array | undefined = undefined;
  /** The same, followed by the opening of a string value, where the format has one (JSON); most values are strings. */
  stringBytes: Uint8Array | undefined = undefined;
  /** The same for an integer value (JSON writes 64-bit integers as strings). */
  intBytes: Uint8Array | undefined = undefined;
  /**
   * The last string value written for this key, and where its whole key-value
   * sits in the request being written (request `writtenIn`, bytes `writtenAt`
   * to `writtenEnd`): a repeat is copied from there. Keys repeat their values a
   * lot within a batch (kinds, providers, models, sessions, mime types).
   */
  writtenValue: string | undefined = undefined;
  writtenIn = -1;
  writtenAt = 0;
  writtenEnd = 0;

  constructor(readonly key: string) {}
}

// Dynamic keys (`retrieval.documents.{i}.…`) could be many; past this, keys are not cached.
const MAX_ENTRIES = 8192;

export class AttributeKeys {
  private readonly entries = new Map<string, KeyEntry>();
  /** Entries of FixedKeys by their index; the same entries as in `entries`, so both paths deduplicate alike. */
  private readonly fixed: (KeyEntry | undefined)[] = [];
  private overflow = new Set<string>();
  private serial = 0;

  /** Starts a new span: every key may be used once more. */
  nextSpan(): void {
    this.serial++;
    if (this.overflow.size > 0) this.overflow = new Set();
  }

  /** The key's entry, or undefined when the key was already used in this span. */
  claim(key: string): KeyEntry | undefined {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = new KeyEntry(key);
      if (this.entries.size < MAX_ENTRIES) {
        this.entries.set(key, entry);
      } else {
        if (this.overflow.has(key)) return undefined;
        this.overflow.add(key);
        return entry;
      }
    }
    if (entry.usedBy === this.serial) return undefined;
    entry.usedBy = this.serial;
    return entry;
  }

  /** Undoes the claim of `entry` in this span (nothing was written for it). */
  release(entry: KeyEntry): void {
    entry.usedBy = -1;
    this.overflow.delete(entry.key);
  }

  /** {@link claim} for a FixedKey. */
  claimFixed(key: FixedKey): KeyEntry | undefined {
    let entry = this.fixed[key.index];
    if (entry === undefined) {
      const name = key.name;
      entry = this.entries.get(name);
      if (entry === undefined) {
        entry = new KeyEntry(name);
        this.entries.set(name, entry); // past MAX_ENTRIES too: FixedKeys are few
        if (this.overflow.has(name)) entry.usedBy = this.serial; // this span has it already, as an overflow key
      }
      this.fixed[key.index] = entry;
    }
    if (entry.usedBy === this.serial) return undefined;
    entry.usedBy = this.serial;
    return entry;
  }
}
