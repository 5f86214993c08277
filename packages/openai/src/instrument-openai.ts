// instrumentOpenAI: traces every chat.completions, responses, embeddings and
// completions call of an `openai` client (v4 to v6; AzureOpenAI too). The
// client is instrumented in place and returned as is: same object, same type,
// same APIPromise and Stream objects handed to the caller.
import { instrumentClient, traceCreate, type ClientTracing } from "@tracehub/instrumentation";
import { resolveSettings, type InstrumentOpenAIOptions } from "./instrument-options.js";
import { chatCompletions } from "./operations/chat-completions.js";
import { completions } from "./operations/completions.js";
import { embeddings } from "./operations/embeddings.js";
import { responses } from "./operations/responses.js";
import { openaiProfile } from "./openai-profile.js";

const INSTRUMENTED = Symbol.for("tracehub.openai.instrumented");

/**
 * Instruments an OpenAI client in place and returns it. Each call becomes a
 * span (kind llm or embedding) with model, parameters, input and output,
 * usage (streams included), time to first token, rate limits, retries and
 * errors. Calling it twice on one client is harmless; `withOptions()` clones
 * are instrumented too.
 */
export function instrumentOpenAI<Client extends object>(client: Client, options?: InstrumentOpenAIOptions): Client {
  return instrumentClient(client, INSTRUMENTED, (sdk) => {
    const tracing: ClientTracing = { client: sdk, profile: openaiProfile, settings: resolveSettings(options) };
    traceCreate((sdk.chat as { completions?: unknown } | undefined)?.completions, chatCompletions, tracing);
    traceCreate(sdk.responses, responses, tracing);
    traceCreate(sdk.embeddings, embeddings, tracing);
    traceCreate(sdk.completions, completions, tracing);
  });
}
