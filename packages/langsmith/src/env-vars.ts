// LangSmith's own environment variables, read the way its SDK reads them: the
// LANGSMITH_ name first, then the legacy LANGCHAIN_ one; a blank value counts
// as unset.

type Env = Readonly<Record<string, string | undefined>>;

export interface EnvValue {
  value: string;
  /** The variable it came from, for error messages. */
  source: string;
}

/** `LANGSMITH_<name>`, then `LANGCHAIN_<name>`, then any extra legacy names. */
export function readLangSmithVar(env: Env, name: string, legacy: readonly string[] = []): EnvValue | undefined {
  for (const source of [`LANGSMITH_${name}`, `LANGCHAIN_${name}`, ...legacy]) {
    const value = trimQuotes(env[source]);
    if (value !== undefined) return { value, source };
  }
  return undefined;
}

/** The tracing switch: the first of TRACING_V2 / TRACING that is set. */
export function readTracingFlag(env: Env): EnvValue | undefined {
  return readLangSmithVar(env, "TRACING_V2") ?? readLangSmithVar(env, "TRACING");
}

/** True when the tracing switch is set to an off value (false, 0, no, off). */
export function tracingSwitchedOff(env: Env): boolean {
  const flag = readTracingFlag(env);
  return flag !== undefined && /^(false|0|no|off)$/i.test(flag.value);
}

// Values pasted with their quotes ("https://…") are common in .env files; the SDK strips them too.
function trimQuotes(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim().replace(/^["']|["']$/g, "").trim();
  return trimmed === "" ? undefined : trimmed;
}
