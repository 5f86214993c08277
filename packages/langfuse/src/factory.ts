// What createHub loads from this package by name: enabled when
// LANGFUSE_PUBLIC_KEY is set (or when "langfuse" is named in
// TRACEHUB_EXPORTERS), built from code options, the LANGFUSE_* variables and
// the defaults, in that order of precedence.
import type { AdapterFactory } from "@tracehub/core";
import { resolveLangfuseConfig } from "./config/resolve-config.js";
import { LangfuseAdapter } from "./langfuse-adapter.js";

export const tracehubAdapter: AdapterFactory = {
  name: "langfuse",
  detect: (env) => (env["LANGFUSE_PUBLIC_KEY"]?.trim() ?? "") !== "",
  create(env, options, settings) {
    const resolved = resolveLangfuseConfig(options, env);
    if (!resolved.ok) return { ok: false, problems: resolved.problems };
    return { ok: true, adapter: new LangfuseAdapter(resolved.config, settings) };
  },
};
