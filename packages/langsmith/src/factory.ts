// What createHub loads from this package by name. LangSmith is wanted when its
// API key is set (LANGSMITH_API_KEY or the legacy LANGCHAIN_API_KEY) and its
// tracing switch (LANGSMITH_TRACING / _V2, legacy LANGCHAIN_*) is not off.
import type { AdapterFactory } from "@tracehub/core";
import { readLangSmithVar, tracingSwitchedOff } from "./env-vars.js";
import { LangSmithAdapter } from "./langsmith-adapter.js";
import { resolveLangSmithOptions } from "./options.js";

export const tracehubAdapter: AdapterFactory = {
  name: "langsmith",
  detect: (env) => readLangSmithVar(env, "API_KEY") !== undefined && !tracingSwitchedOff(env),
  create(env, options, settings) {
    const resolved = resolveLangSmithOptions(options, env);
    if (!resolved.ok) return resolved;
    // Named explicitly (TRACEHUB_EXPORTERS or code), the adapter runs even with the
    // vendor's switch off: tracehub's own setting is the more specific one.
    if (tracingSwitchedOff(env)) settings.log.debug("langsmith: LANGSMITH_TRACING is off, but langsmith was named as an exporter; sending anyway");
    return { ok: true, adapter: new LangSmithAdapter(resolved.options, settings.log) };
  },
};
