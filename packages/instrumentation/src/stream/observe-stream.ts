// Instruments an SDK `Stream` in place. The Stream keeps the factory of its
// underlying iterator in its `iterator` field, and every way of reading it
// goes through that factory: `for await` (Symbol.asyncIterator), `tee()` (one
// shared iterator for both halves, so each chunk is observed once) and
// `toReadableStream()` (whose cancel calls the iterator's return()). Wrapping
// the factory therefore observes all three while the object, its class and
// its `controller` stay exactly the caller's.

export type StreamEnd =
  | { kind: "completed" }
  | { kind: "cancelled"; aborted: boolean }
  | { kind: "failed"; error: unknown };

export interface ChunkObserver {
  /** Sees every chunk in order; false hides the chunk from the consumer. */
  onChunk(chunk: unknown): boolean;
  /** Called exactly once: exhausted, failed, or abandoned (return() or controller.abort()). */
  onEnd(end: StreamEnd): void;
}

/** Wraps the stream's iterator factory; false when the stream has none (then nothing is observed). */
export function observeStream(stream: unknown, observer: ChunkObserver): boolean {
  const holder = stream as { iterator?: unknown; controller?: { signal?: AbortSignal } };
  const factory = holder?.iterator;
  if (typeof factory !== "function") return false;
  const signal = holder.controller?.signal;
  holder.iterator = function observedIterator(this: unknown): AsyncIterator<unknown> {
    return observeIterator((factory as () => AsyncIterator<unknown>).call(this), observer, signal);
  };
  return true;
}

function observeIterator(inner: AsyncIterator<unknown>, observer: ChunkObserver, signal: AbortSignal | undefined): AsyncIterator<unknown> {
  let settled = false;
  const settle = (end: StreamEnd): void => {
    if (settled) return;
    settled = true;
    try {
      observer.onEnd(end);
    } catch {
      // tracing must never break the consumer's loop
    }
  };
  const keep = (chunk: unknown): boolean => {
    try {
      return observer.onChunk(chunk);
    } catch {
      return true;
    }
  };

  const onResult = (result: IteratorResult<unknown>): IteratorResult<unknown> | Promise<IteratorResult<unknown>> => {
    if (result.done === true) {
      // The SDK ends the iteration quietly when `controller.abort()` is called mid-stream.
      settle(signal?.aborted === true ? { kind: "cancelled", aborted: true } : { kind: "completed" });
      return result;
    }
    if (settled || keep(result.value)) return result;
    return iterator.next(); // a hidden chunk: hand the consumer the next one instead
  };
  const onError = (error: unknown): never => {
    settle({ kind: "failed", error });
    throw error;
  };

  const iterator: AsyncIterator<unknown> & AsyncIterable<unknown> = {
    next: (...args: [] | [unknown]) => inner.next(...args).then(onResult, onError),
    return: (value?: unknown) => {
      settle({ kind: "cancelled", aborted: signal?.aborted === true });
      return typeof inner.return === "function"
        ? inner.return(value)
        : Promise.resolve({ done: true as const, value });
    },
    throw: (error?: unknown) => {
      settle({ kind: "failed", error });
      return typeof inner.throw === "function" ? inner.throw(error) : Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return iterator;
}
