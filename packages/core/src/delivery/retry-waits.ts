// Batches waiting out a backoff or Retry-After. Each waits on its own timer,
// outside the ready queue, so one throttled batch never holds up the others.
import { unrefTimer } from "./timers.js";

interface Wait<T> {
  items: T[];
  timer: ReturnType<typeof setTimeout>;
}

export class RetryWaits<T> {
  readonly #waits = new Set<Wait<T>>();
  #count = 0;

  /** Items waiting, across all waits. */
  get count(): number {
    return this.#count;
  }

  /** Holds `items` for `delayMs`, then hands them to `onWake`. */
  hold(items: T[], delayMs: number, onWake: (items: T[]) => void): void {
    const wait: Wait<T> = {
      items,
      timer: unrefTimer(() => {
        if (!this.#waits.delete(wait)) return;
        this.#count -= items.length;
        onWake(items);
      }, delayMs),
    };
    this.#waits.add(wait);
    this.#count += items.length;
  }

  /** Visits every waiting item. */
  forEach(fn: (item: T) => void): void {
    for (const wait of this.#waits) for (const item of wait.items) fn(item);
  }

  /** Cancels every wait and returns the items they held. */
  takeAll(): T[] {
    const items: T[] = [];
    for (const wait of this.#waits) {
      clearTimeout(wait.timer);
      items.push(...wait.items);
    }
    this.#waits.clear();
    this.#count = 0;
    return items;
  }
}
