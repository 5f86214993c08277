// Prompt management interop: a prompt as the `langfuse` package's getPrompt()
// returns it (TextPromptClient / ChatPromptClient) becomes core's PromptRef, so
// every generation made with it shows the prompt version in Langfuse. Typed
// structurally: the `langfuse` package is not a dependency. Fallback prompts
// (getPrompt's `fallback`, used when the server was unreachable) carry no real
// version, so they are never linked.
import { withPromptTemplate, type PromptRef, type SpanHandle } from "@tracehub/core";

/** The fields of a Langfuse prompt client this package reads. */
export interface LangfusePromptLike {
  readonly name: string;
  readonly version: number;
  /** Text prompts: the template string. Chat prompts: the messages. */
  readonly prompt: unknown;
  readonly isFallback?: boolean;
}

/** The prompt as core's PromptRef; a fallback prompt keeps its name and template but no version. */
export function fromLangfusePrompt(prompt: LangfusePromptLike, variables?: Record<string, unknown>): PromptRef {
  const ref: PromptRef = {};
  try {
    if (typeof prompt?.name === "string" && prompt.name !== "") ref.name = prompt.name;
    if (prompt?.isFallback !== true && typeof prompt?.version === "number" && Number.isInteger(prompt.version)) {
      ref.version = prompt.version;
    }
    const template = prompt?.prompt;
    if (typeof template === "string") ref.template = template;
    else if (Array.isArray(template)) ref.template = [...(template as unknown[])];
    if (variables !== undefined) ref.variables = variables;
  } catch {
    // A getter that throws must not reach the caller: tracing never breaks the application.
  }
  return ref;
}

/** Links `span` (a generation) to a Langfuse prompt; returns the span for chaining. */
export function linkLangfusePrompt<S extends SpanHandle>(span: S, prompt: LangfusePromptLike, variables?: Record<string, unknown>): S {
  span.setPrompt(fromLangfusePrompt(prompt, variables));
  return span;
}

/** Runs `fn` with the prompt stamped on every span created inside it (generations link to it). */
export function withLangfusePrompt<T>(prompt: LangfusePromptLike, fn: () => T, variables?: Record<string, unknown>): T {
  return withPromptTemplate(fromLangfusePrompt(prompt, variables), fn);
}
