// tracehub as a contender: a hub built by createHub with the named adapters
// (default: all four) pointed at the loopback receiver, otherwise default
// settings (batch 512, flush interval 1 s, 10 000 items per adapter queue,
// two requests in flight, disk spool on in a private temporary directory, as
// adapters built from exporter names get). Console writes JSON lines to a
// stream that only counts them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHub } from "@tracehub/core";
import { tracehubAdapter as consoleFactory } from "@tracehub/console";
import { tracehubAdapter as otlpFactory } from "@tracehub/otlp";
import { tracehubAdapter as langfuseFactory } from "@tracehub/langfuse";
import { tracehubAdapter as langsmithFactory } from "@tracehub/langsmith";
import { BENCH_KEYS, produceTracehubSpans } from "./workload.mjs";

export const ALL_ADAPTERS = ["console", "otlp", "langfuse", "langsmith"];

/** Receiver channels per adapter (console is counted in process). */
export const TRACEHUB_CHANNELS = { otlp: "th-otlp", langfuse: "th-langfuse", langsmith: "th-langsmith" };

/**
 * @param receiverUrl (channel) => base URL of that channel on the loopback receiver
 * @param options.adapters adapter names; options.hub extra createHub options; options.channelPrefix to keep runs apart
 */
export async function createTracehub(receiverUrl, { adapters = ALL_ADAPTERS, hub: hubOptions = {}, channelPrefix = "" } = {}) {
  const channels = Object.fromEntries(Object.entries(TRACEHUB_CHANNELS).map(([k, v]) => [k, channelPrefix + v]));
  const consoleOut = {
    lines: 0,
    write(chunk) {
      for (let at = chunk.indexOf("\n"); at !== -1; at = chunk.indexOf("\n", at + 1)) this.lines++;
      return true;
    },
  };
  const spoolDir = mkdtempSync(join(tmpdir(), "tracehub-bench-spool-"));
  const removeSpool = () => rmSync(spoolDir, { recursive: true, force: true });
  // Child processes may exit without shutting the hub down (held requests, timeouts).
  process.once("exit", removeSpool);
  // Warnings (queue full during the throughput ramp) are kept, not printed: drops are counted and reported.
  const warnings = [];
  const hub = await createHub({
    env: {},
    exporters: adapters,
    adapterFactories: { console: consoleFactory, otlp: otlpFactory, langfuse: langfuseFactory, langsmith: langsmithFactory },
    adapterOptions: {
      console: { format: "json", stream: consoleOut, color: false },
      otlp: { url: `${receiverUrl(channels.otlp)}/v1/traces` },
      langfuse: { publicKey: BENCH_KEYS.langfusePublic, secretKey: BENCH_KEYS.langfuseSecret, baseUrl: receiverUrl(channels.langfuse) },
      langsmith: { apiKey: BENCH_KEYS.langsmith, endpoint: receiverUrl(channels.langsmith) },
    },
    registerShutdownHooks: false,
    spoolDir,
    log: { debug() {}, warn: (message) => warnings.length < 100 && warnings.push(message) },
    ...hubOptions,
  });

  return {
    name: adapters.length === ALL_ADAPTERS.length ? "tracehub (4 adapters)" : `tracehub (${adapters.join("+")})`,
    hub,
    adapters,
    warnings,
    /** Creates `n` spans: start, 10 attributes, usage, end. Synchronous, like the API. */
    produce: (n, offset = 0) => produceTracehubSpans(hub, n, offset),
    flush: (deadlineMs = 10_000) => hub.flush(deadlineMs),
    /** Items dropped by any adapter's queue, or before delivery. */
    dropped() {
      const stats = hub.stats();
      return stats.droppedBeforeDelivery + stats.adapters.reduce((n, a) => n + a.dropped + a.failed, 0);
    },
    /** Per adapter: what its queue reports exported, and what the receiver (or the console stream) actually got. */
    deliveredPerAdapter(counts) {
      const stats = hub.stats();
      const out = [];
      for (const a of stats.adapters) {
        const received =
          a.adapter === "console" ? consoleOut.lines
          : a.adapter === "langsmith" ? (counts[channels.langsmith]?.posts ?? 0)
          : (counts[channels[a.adapter]]?.spans ?? 0);
        out.push({ adapter: a.adapter, exported: a.exported, received, dropped: a.dropped, failed: a.failed, queued: a.queued + a.inFlight });
      }
      return out;
    },
    async shutdown(deadlineMs = 5_000) {
      await hub.shutdown(deadlineMs);
      removeSpool();
      process.off("exit", removeSpool);
    },
  };
}
