// The `langsmith` package's RunTree as a contender: per span a root run of
// type "llm" with the 10 attributes as metadata, posted, ended with
// outputs.usage_metadata, patched. Its Client auto-batches (the default) to
// the loopback receiver's /runs/multipart.
import { Client, RunTree } from "langsmith";
import { attributeObject, BENCH_KEYS, SPAN_NAME, USAGE } from "./workload.mjs";

const OUTPUTS = { usage_metadata: { input_tokens: USAGE.input, output_tokens: USAGE.output, total_tokens: USAGE.total } };

export function createLangSmithSdk(apiUrl) {
  const client = new Client({ apiUrl, apiKey: BENCH_KEYS.langsmith, autoBatchTracing: true });
  return {
    name: "langsmith RunTree 0.10.5",
    async produce(n, offset = 0) {
      for (let i = offset; i < offset + n; i++) {
        const run = new RunTree({ name: SPAN_NAME, run_type: "llm", client, project_name: "bench", inputs: {}, extra: { metadata: attributeObject(i) } });
        await run.postRun();
        await run.end(OUTPUTS);
        await run.patchRun();
      }
    },
    async flush() {
      await client.awaitPendingTraceBatches();
      return true;
    },
    shutdown: () => client.awaitPendingTraceBatches(),
  };
}
