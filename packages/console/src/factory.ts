// What createHub loads from this package by name: the console is never
// auto-detected (it would print in every process), only enabled by naming it
// in TRACEHUB_EXPORTERS or in code.
import type { AdapterFactory } from "@tracehub/core";
import { ConsoleAdapter } from "./console-adapter.js";
import { validateConsoleOptions, type ConsoleAdapterOptions } from "./options.js";

export const tracehubAdapter: AdapterFactory = {
  name: "console",
  detect: () => false,
  create(env, options) {
    const problems = validateConsoleOptions(options, env);
    if (problems.length > 0) return { ok: false, problems };
    // Validated above against the schema of ConsoleAdapterOptions.
    const checked = (options ?? {}) as ConsoleAdapterOptions;
    return { ok: true, adapter: new ConsoleAdapter(checked, env) };
  },
};
