// The `langfuse` package (v3) as a contender: per span one trace, one
// generation under it carrying the 10 attributes as metadata, ended with the
// usage (Langfuse keeps usage on generations, not on plain spans). Events go to
// the loopback receiver's /api/public/ingestion in batches of 512 (flushAt;
// the SDK's default of 15 would send a request every 5 spans).
import { Langfuse } from "langfuse";
import { attributeObject, BENCH_KEYS, SPAN_NAME, USAGE } from "./workload.mjs";

export function createLangfuseSdk(baseUrl) {
  const langfuse = new Langfuse({
    publicKey: BENCH_KEYS.langfusePublic,
    secretKey: BENCH_KEYS.langfuseSecret,
    baseUrl,
    flushAt: 512,
    flushInterval: 1_000,
  });
  return {
    name: "langfuse SDK 3.39.2",
    produce(n, offset = 0) {
      for (let i = offset; i < offset + n; i++) {
        const trace = langfuse.trace({ name: SPAN_NAME });
        const generation = trace.generation({ name: SPAN_NAME, metadata: attributeObject(i) });
        generation.end({ usage: USAGE });
      }
    },
    /** flushAsync sends one batch of flushAt events: repeat until nothing is queued, processing or in flight. */
    async flush() {
      for (let attempt = 0; attempt < 1_000; attempt++) {
        await langfuse.awaitAllQueuedAndPendingRequests();
        const idle =
          (langfuse.getPersistedProperty("queue") ?? []).length === 0 &&
          Object.keys(langfuse.pendingIngestionPromises).length === 0 &&
          Object.keys(langfuse.pendingEventProcessingPromises).length === 0;
        if (idle) return true;
      }
      return false;
    },
    shutdown: () => langfuse.shutdownAsync(),
  };
}
