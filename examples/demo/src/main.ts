// The demo: trace a RAG agent answering a question. Spans go to every backend
// the environment names (TRACEHUB_EXPORTERS, or the vendors' own keys) and to the
// console, which prints the trace tree.
import { createHub, ConfigError, InMemoryAdapter, criticalPath, parallelGroups } from "@tracehub/core";
import { ConsoleAdapter } from "@tracehub/console";
import { answerQuestion } from "./rag-agent.js";
import { SimulatedModel } from "./simulated-model.js";
import { openAIModelFromEnv } from "./openai-model.js";

async function main(): Promise<void> {
  const namedByEnv = (process.env.TRACEHUB_EXPORTERS ?? "").split(",").map((name) => name.trim());
  // The in-memory adapter keeps the spans so the demo can analyse the trace afterwards.
  const memory = new InMemoryAdapter({ name: "analysis" });
  const hub = await createHub({
    serviceName: "tracehub-demo",
    builtinEvaluators: ["llm"],
    adapters: [...(namedByEnv.includes("console") ? [] : [new ConsoleAdapter({ color: "auto" })]), memory],
  });
  // A real OpenAI-compatible server when OPENAI_BASE_URL / OPENAI_API_KEY are set; otherwise the
  // simulated model, whose second call gets a 429 and is retried once.
  const model = openAIModelFromEnv(hub, process.env) ?? new SimulatedModel(2);
  console.log(`tracehub demo: ${model.description}; sending spans to ${hub.adapterNames.join(", ")}\n`);

  const result = await answerQuestion(hub, model, "How does retrieval-augmented generation reduce hallucinations?", {
    userId: "user-42",
    sessionId: "session-7",
  });

  await hub.shutdown();
  const spans = memory.trace(result.traceId);
  const path = criticalPath(spans);
  console.log(`\ncritical path (${path.durationMs.toFixed(0)}ms): ${path.spans.map((span) => span.name).join(" → ")}`);
  for (const group of parallelGroups(spans)) {
    const names = group.spans.map((span) => span.name).join(" ∥ ");
    console.log(`ran in parallel: ${names} (parallelism ${group.parallelism.toFixed(2)}, saved ${(group.busyMs - group.wallMs).toFixed(0)}ms)`);
  }
  console.log(`\nanswer: ${result.answer}`);
  console.log(`sources: ${result.sources.join(", ")}`);
  for (const stats of hub.stats().adapters) {
    console.log(
      `${stats.adapter}: ${stats.exported} delivered, ${stats.retried} retried, ${stats.dropped} dropped, ${stats.failed} failed` +
        (stats.lastError ? ` (last error: ${stats.lastError})` : ""),
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
});
