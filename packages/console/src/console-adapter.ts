// The console backend: readable trace trees (pretty) or JSON lines on a stream.
// Output problems never reach the application: export() reports them as a
// "fail" result, shutdown() swallows them.
import type { ExportBatch, ExportResult, ObservabilityAdapter } from "@tracehub/core";
import { renderJsonLines } from "./json-lines.js";
import { resolveConsoleOptions, type ConsoleAdapterOptions, type ConsoleFormat, type ConsoleStream } from "./options.js";
import { PrettyPrinter } from "./pretty-printer.js";

/** Printed traces remembered to label late spans and scores. */
const REMEMBERED_TRACES = 1000;

export class ConsoleAdapter implements ObservabilityAdapter {
  readonly name = "console";
  readonly format: ConsoleFormat;
  readonly color: boolean;
  readonly #stream: ConsoleStream;
  readonly #pretty: PrettyPrinter;

  constructor(options: ConsoleAdapterOptions = {}, env: Readonly<Record<string, string | undefined>> = processEnv()) {
    const resolved = resolveConsoleOptions(options, env);
    this.format = resolved.format;
    this.color = resolved.color;
    this.#stream = resolved.stream;
    this.#pretty = new PrettyPrinter({
      color: resolved.color,
      maxPendingTraces: resolved.maxPendingTraces,
      maxPendingSpans: resolved.maxPendingSpans,
      rememberedTraces: REMEMBERED_TRACES,
    });
  }

  export(batch: ExportBatch): Promise<ExportResult> {
    try {
      const text = this.format === "json" ? renderJsonLines(batch) : this.#pretty.ingest(batch, Date.now());
      if (text !== "") this.#stream.write(text);
      return Promise.resolve({ kind: "ok" });
    } catch (error) {
      // A console that cannot be written now will not be writable on retry either.
      return Promise.resolve({ kind: "fail", reason: `console output failed: ${describeError(error)}` });
    }
  }

  /** Prints traces still waiting for their root, as orphans, oldest first. */
  shutdown(): Promise<void> {
    try {
      const text = this.#pretty.drain(Date.now());
      if (text !== "") this.#stream.write(text);
    } catch {
      // Nothing left to report to at shutdown; the host must not see this.
    }
    return Promise.resolve();
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === "string" ? error : "unknown error";
}

function processEnv(): Readonly<Record<string, string | undefined>> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}
