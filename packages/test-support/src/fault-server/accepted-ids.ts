// A multiset of the ids a fake backend acknowledged: how many times each was
// accepted, so a test can tell lost ids (never accepted) from duplicated ones
// (accepted again after the client had seen it accepted).
//
// An acknowledgement can be "unconfirmed": the answer was written, but the
// client dropped the connection right after, before sending anything else on
// it (see fault-server.ts). The client may have given up (its timeout) before
// reading the answer; then sending the ids again is what it must do, and a
// real backend deduplicates them. Such resends are counted apart, not as
// duplicates.

export interface IdComparison {
  /** Expected ids never accepted. */
  missing: number;
  /** Ids accepted again after an acknowledgement the client saw. */
  duplicated: number;
  /** Accepted ids nobody expected. */
  unexpected: number;
  /** A few ids of each kind, for the failure message. */
  examples: { missing: string[]; duplicated: string[]; unexpected: string[] };
}

export class AcceptedIds {
  readonly #counts = new Map<string, number>();
  readonly #unconfirmed = new Map<string, number>();
  #total = 0;

  add(id: string): void {
    this.#counts.set(id, (this.#counts.get(id) ?? 0) + 1);
    this.#total++;
  }

  /** One acknowledgement of `id` may never have been read by the client. */
  markUnconfirmed(id: string): void {
    this.#unconfirmed.set(id, (this.#unconfirmed.get(id) ?? 0) + 1);
  }

  /** Distinct ids accepted. */
  get size(): number {
    return this.#counts.size;
  }

  /** Acceptances, resends included. */
  get total(): number {
    return this.#total;
  }

  /** Acceptances beyond the first of each id that no unconfirmed acknowledgement explains. */
  get duplicates(): number {
    let n = 0;
    for (const [id, count] of this.#counts) n += this.#excess(id, count);
    return n;
  }

  /** Acceptances beyond the first of each id that followed an unconfirmed acknowledgement. */
  get unconfirmedResends(): number {
    let n = 0;
    for (const [id, count] of this.#counts) n += Math.min(count - 1, this.#unconfirmed.get(id) ?? 0);
    return n;
  }

  has(id: string): boolean {
    return this.#counts.has(id);
  }

  countOf(id: string): number {
    return this.#counts.get(id) ?? 0;
  }

  /** How many of `expected` were accepted at least once. */
  countAccepted(expected: Iterable<string>): number {
    let n = 0;
    for (const id of expected) if (this.#counts.has(id)) n++;
    return n;
  }

  /** Compares with the ids that should have arrived. */
  compare(expected: Iterable<string>, examples = 5): IdComparison {
    const wanted = expected instanceof Set ? (expected as Set<string>) : new Set(expected);
    const result: IdComparison = { missing: 0, duplicated: 0, unexpected: 0, examples: { missing: [], duplicated: [], unexpected: [] } };
    const note = (list: string[], id: string) => {
      if (list.length < examples) list.push(id);
    };
    for (const id of wanted) {
      if (this.#counts.has(id)) continue;
      result.missing++;
      note(result.examples.missing, id);
    }
    for (const [id, count] of this.#counts) {
      if (this.#excess(id, count) > 0) {
        result.duplicated++;
        note(result.examples.duplicated, id);
      }
      if (!wanted.has(id)) {
        result.unexpected++;
        note(result.examples.unexpected, id);
      }
    }
    return result;
  }

  clear(): void {
    this.#counts.clear();
    this.#unconfirmed.clear();
    this.#total = 0;
  }

  #excess(id: string, count: number): number {
    return Math.max(0, count - 1 - (this.#unconfirmed.get(id) ?? 0));
  }
}
