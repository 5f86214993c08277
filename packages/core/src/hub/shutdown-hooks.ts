// Flush on beforeExit, SIGTERM and SIGINT without taking over the process:
// the application's own signal handlers keep deciding when to exit, and when
// there are none we re-raise the signal after flushing so the exit code is
// exactly what it would have been without tracehub.

export interface Flushable {
  /** Grows with every span or score accepted: lets beforeExit flush only when new work arrived. */
  readonly acceptedCount: number;
  flush(deadlineMs?: number): Promise<boolean>;
  shutdown(deadlineMs?: number): Promise<void>;
  /** Synchronous last resort on process exit: write what is undelivered to the spool. */
  spoolOnExit?(): void;
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/** Installs the hooks; returns a function that removes them. */
export function installShutdownHooks(hub: Flushable, deadlineMs = 5_000): () => void {
  let flushedUpTo = -1;
  const onBeforeExit = (): void => {
    // beforeExit fires again once our flush's own work ends: flush only what is new since
    // the last flush, or a dead backend would keep the process alive retrying forever.
    if (hub.acceptedCount === flushedUpTo) return;
    flushedUpTo = hub.acceptedCount;
    void hub.flush(deadlineMs);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // Other listeners besides ours: the application handles the signal and decides the exit.
    const appHandles = process.listenerCount(signal) > 1;
    void hub.shutdown(deadlineMs).finally(() => {
      if (appHandles) return;
      remove();
      process.kill(process.pid, signal);
    });
  };
  // Any exit that did not go through shutdown (process.exit(), the end after a
  // flush that timed out): only synchronous work is possible here.
  const onExit = (): void => hub.spoolOnExit?.();
  process.on("beforeExit", onBeforeExit);
  process.on("exit", onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  let removed = false;
  function remove(): void {
    if (removed) return;
    removed = true;
    process.off("beforeExit", onBeforeExit);
    process.off("exit", onExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
  return remove;
}
