// Memory of traces already printed, so records arriving later are shown as
// "late" under the right names. Bounded: the least recently touched trace is forgotten first.
import type { ReadonlySpan } from "@tracehub/core";
import type { PrintedTraceInfo } from "./render-late.js";

interface PrintedTrace extends PrintedTraceInfo {
  spanNames: Map<string, string>;
}

export class PrintedTraces {
  readonly #traces = new Map<string, PrintedTrace>();

  constructor(private readonly capacity: number) {}

  get(traceId: string): PrintedTraceInfo | undefined {
    return this.#traces.get(traceId);
  }

  /** Records printed spans; the trace's name is kept from the first time it was printed. */
  remember(traceId: string, name: string, spans: readonly ReadonlySpan[]): void {
    let trace = this.#traces.get(traceId);
    if (trace === undefined) {
      trace = { traceId, name, spanNames: new Map() };
    } else {
      this.#traces.delete(traceId); // re-insert below: most recently touched goes last
    }
    for (const span of spans) trace.spanNames.set(span.spanId, span.name);
    this.#traces.set(traceId, trace);
    while (this.#traces.size > this.capacity) {
      const oldest = this.#traces.keys().next();
      if (oldest.done === true) break;
      this.#traces.delete(oldest.value);
    }
  }
}
