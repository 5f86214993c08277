// Which exporters are wanted when none are named: decided from the vendors' own
// variables, without loading any package, so an app that sets only
// LANGFUSE_PUBLIC_KEY (as the vendor's docs say) gets Langfuse.
import type { AdapterFactory } from "../adapter.js";

type Env = Readonly<Record<string, string | undefined>>;

/** The vendors' own keys that enable each exporter. */
const DETECTION_RULES: readonly { name: string; wanted: (env: Env) => boolean }[] = [
  { name: "langfuse", wanted: (env) => isSet(env.LANGFUSE_PUBLIC_KEY) },
  {
    name: "langsmith",
    wanted: (env) =>
      (isSet(env.LANGSMITH_API_KEY) || isSet(env.LANGCHAIN_API_KEY)) && !langSmithTracingDisabled(env),
  },
  {
    name: "otlp",
    wanted: (env) => isSet(env.OTEL_EXPORTER_OTLP_ENDPOINT) || isSet(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
  },
];

// LangSmith's own SDK reads these, LANGSMITH_* first, then the legacy LANGCHAIN_* names.
const LANGSMITH_TRACING_FLAGS = [
  "LANGSMITH_TRACING",
  "LANGSMITH_TRACING_V2",
  "LANGCHAIN_TRACING_V2",
  "LANGCHAIN_TRACING",
] as const;

/**
 * Names of the exporters wanted by the environment, in a stable order: the
 * built-in rules first, then factories supplied in code for other names whose
 * own `detect` says yes (a `detect` that throws counts as "not wanted"). For
 * langfuse, langsmith and otlp the built-in rule decides here; their adapter's
 * `detect` is asked again once loaded and may still decline.
 */
export function detectExporters(env: Env, factories: Readonly<Record<string, AdapterFactory>> = {}): string[] {
  const names = DETECTION_RULES.filter((rule) => rule.wanted(env)).map((rule) => rule.name);
  for (const [name, factory] of Object.entries(factories)) {
    const key = name.toLowerCase();
    const hasRule = DETECTION_RULES.some((rule) => rule.name === key);
    if (!hasRule && !names.includes(key) && safeDetect(factory, env)) names.push(key);
  }
  return names;
}

/** True when the first LangSmith tracing flag that is set says false/0/no/off. */
export function langSmithTracingDisabled(env: Env): boolean {
  const flag = LANGSMITH_TRACING_FLAGS.map((name) => env[name]?.trim()).find((v) => v !== undefined && v !== "");
  return flag !== undefined && /^(false|0|no|off)$/i.test(flag);
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== "";
}

function safeDetect(factory: AdapterFactory, env: Env): boolean {
  try {
    return factory.detect(env) === true;
  } catch {
    return false;
  }
}
