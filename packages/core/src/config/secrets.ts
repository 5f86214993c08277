// Secret handling for configuration: which variables hold secrets, which values
// must never appear in an error or a log line, and scrubbing them out of text
// that we did not write ourselves (messages thrown by adapter factories).

/** Env variable or option names whose values are never echoed. */
const SECRET_NAME = /KEY|SECRET|TOKEN|PASSWORD|AUTH|HEADERS|COOKIE|CREDENTIAL/i;

/**
 * Values too short or too common to scrub by value: replacing "true" or "1"
 * everywhere would mangle messages without protecting anything.
 */
const MIN_SCRUB_LENGTH = 4;
const TRIVIAL_VALUES = new Set(["true", "false", "yes", "no", "none", "null", "undefined"]);

export const REDACTED = "[REDACTED]";

/** True for names such as LANGFUSE_SECRET_KEY, OTEL_EXPORTER_OTLP_HEADERS or `apiKey`. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** `"value"` in quotes, or a placeholder when the variable holds a secret. */
export function describeValue(name: string, value: unknown): string {
  if (isSecretName(name)) return "set (value hidden)";
  const text = typeof value === "string" ? value : String(value);
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return `"${shown}"`;
}

/**
 * Values of secret-looking env variables that are set. Header lists
 * (`k=v,k2=v2`) also contribute each value alone, raw and URL-decoded, since a
 * thrown message may quote a single header.
 */
export function collectEnvSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !isSecretName(name)) continue;
    addSecret(found, value);
    if (/HEADERS/i.test(name)) {
      for (const pair of value.split(",")) {
        const eq = pair.indexOf("=");
        if (eq < 0) continue;
        const headerValue = pair.slice(eq + 1).trim();
        addSecret(found, headerValue);
        addSecret(found, safeDecode(headerValue));
      }
    }
  }
  return [...found];
}

/**
 * String values found under secret-looking keys of code options
 * (`{ langfuse: { secretKey } }`, `{ otlp: { headers: { authorization } } }`).
 */
export function collectOptionSecrets(options: unknown): string[] {
  const found = new Set<string>();
  walk(options, false, 0, found, new Set());
  return [...found];
}

/** Replaces every occurrence of each secret with a placeholder, longest first. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  const longestFirst = [...secrets].sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) {
    if (secret.length >= MIN_SCRUB_LENGTH && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

function walk(value: unknown, underSecret: boolean, depth: number, found: Set<string>, seen: Set<object>): void {
  if (typeof value === "string") {
    if (underSecret) addSecret(found, value);
    return;
  }
  if (typeof value !== "object" || value === null || depth > 6 || seen.has(value)) return;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    walk(child, underSecret || isSecretName(key), depth + 1, found, seen);
  }
}

function addSecret(found: Set<string>, value: string): void {
  const trimmed = value.trim();
  if (trimmed.length >= MIN_SCRUB_LENGTH && !TRIVIAL_VALUES.has(trimmed.toLowerCase())) found.add(trimmed);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
