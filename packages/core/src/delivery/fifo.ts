// A FIFO with O(1) push and shift. Array#shift is O(n), which on a queue of
// tens of thousands of spans turns every batch into a copy of the whole queue.

export class Fifo<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  peek(): T | undefined {
    return this.#items[this.#head];
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined; // let the item be collected
    this.#head++;
    // Compact once the consumed prefix dominates, keeping memory proportional to length.
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Visits every item, oldest first, without removing any. */
  forEach(fn: (item: T) => void): void {
    for (let i = this.#head; i < this.#items.length; i++) fn(this.#items[i] as T);
  }

  /** Removes and returns every item, oldest first. */
  takeAll(): T[] {
    const rest = this.#items.slice(this.#head) as T[];
    this.#items = [];
    this.#head = 0;
    return rest;
  }
}
