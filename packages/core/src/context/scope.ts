// The ambient scope carried by AsyncLocalStorage: the current span and the trace
// context (user, session, tags, metadata, prompt) that every span created inside
// inherits. Works across await, Promise.all branches and timers.
import { AsyncLocalStorage } from "node:async_hooks";
import type { PromptRef, TraceContext } from "../model/span.js";

/** What a span needs from its parent scope; LiveSpan implements it. */
export interface ScopeSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly sampled: boolean;
}

export interface Scope {
  readonly span?: ScopeSpan | undefined;
  readonly context: TraceContext;
  readonly prompt?: PromptRef | undefined;
  /** The OpenTelemetry span active when this scope was entered; a different one later means OTel nested inside us. */
  readonly otelSpanAtEntry?: unknown;
}

const EMPTY_CONTEXT: TraceContext = Object.freeze({});
const ROOT_SCOPE: Scope = Object.freeze({ context: EMPTY_CONTEXT });

export const scopeStorage = new AsyncLocalStorage<Scope>();

export function currentScope(): Scope {
  return scopeStorage.getStore() ?? ROOT_SCOPE;
}

/** Context fields that `withContext` and span options may set. */
export type ContextInput = Omit<TraceContext, "traceName" | "serviceName">;

const CONTEXT_KEYS = ["userId", "sessionId", "release", "environment", "version"] as const;

/** True when the input sets any context field, so callers can skip a merge. */
export function hasContextInput(input: ContextInput | undefined): boolean {
  if (input === undefined) return false;
  // Unrolled (not a loop over CONTEXT_KEYS): named loads stay monomorphic on the hot path.
  return (
    input.userId !== undefined ||
    input.sessionId !== undefined ||
    input.release !== undefined ||
    input.environment !== undefined ||
    input.version !== undefined ||
    input.tags !== undefined ||
    input.metadata !== undefined
  );
}

/** Merges context: inner values win, tags are united, metadata is merged key by key. */
export function mergeContext(outer: TraceContext, inner: ContextInput & { traceName?: string }): TraceContext {
  const merged: TraceContext = { ...outer };
  for (const key of CONTEXT_KEYS) {
    const value = inner[key];
    if (typeof value === "string") merged[key] = value;
  }
  if (typeof inner.traceName === "string") merged.traceName = inner.traceName;
  if (Array.isArray(inner.tags)) {
    const tags = new Set(outer.tags ?? []);
    for (const tag of inner.tags) if (typeof tag === "string") tags.add(tag);
    merged.tags = [...tags];
  }
  if (inner.metadata !== null && typeof inner.metadata === "object") {
    merged.metadata = { ...outer.metadata, ...inner.metadata };
  }
  return merged;
}

/** Runs `fn` with user, session, tags, metadata, release, environment stamped on every span created inside. */
export function withContext<T>(context: ContextInput, fn: () => T): T {
  const scope = currentScope();
  let next: Scope;
  try {
    next = { ...scope, context: mergeContext(scope.context, context ?? {}) };
  } catch {
    return fn(); // a hostile context object never stops the user's function
  }
  return scopeStorage.run(next, fn);
}

/** Runs `fn` with a prompt template linked to every span created inside (generations show its version). */
export function withPromptTemplate<T>(prompt: PromptRef, fn: () => T): T {
  const scope = currentScope();
  let next: Scope;
  try {
    next = { ...scope, prompt: { ...scope.prompt, ...prompt } };
  } catch {
    return fn();
  }
  return scopeStorage.run(next, fn);
}

/** The trace context of the current scope (read-only). */
export function currentContext(): Readonly<TraceContext> {
  return currentScope().context;
}
