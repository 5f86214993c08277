// Callers of flush waiting for the queue to empty, each with its own deadline.

export class IdleWaiters {
  readonly #waiters = new Set<(idle: boolean) => void>();

  get size(): number {
    return this.#waiters.size;
  }

  /** Resolves true when `settle(true)` is called, false on `settle(false)` or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const done = (idle: boolean): void => {
        clearTimeout(deadline);
        this.#waiters.delete(done);
        resolve(idle);
      };
      this.#waiters.add(done);
      // Not unref'd, unlike every other delivery timer: whoever awaits a flush
      // wants the process alive until it resolves (e.g. `await hub.shutdown()`
      // at the end of a script while a retry waits out its backoff).
      const deadline = setTimeout(() => done(false), timeoutMs);
    });
  }

  /** Resolves every waiter with `idle`. */
  settle(idle: boolean): void {
    for (const done of [...this.#waiters]) done(idle);
  }
}
