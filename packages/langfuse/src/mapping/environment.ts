// Langfuse's rule for environment names (packages/shared/src/server/ingestion/
// types.ts, PublicEnvironmentName): lowercase, [a-z0-9-_], at most 40
// characters, no leading "langfuse"; anything else silently becomes "default"
// on the server. We repair instead: lowercase, other characters become "-",
// the reserved prefix goes, and the result is cut to 40.

const MAX_LENGTH = 40;
const RESERVED_PREFIX = /^(?:langfuse[-_]?)+/;

/** The name Langfuse will keep, or undefined when nothing usable is left. */
export function sanitizeEnvironment(value: string): string | undefined {
  const cleaned = value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(RESERVED_PREFIX, "")
    .replace(/^-+/, "")
    .slice(0, MAX_LENGTH)
    .replace(/-+$/, "");
  return cleaned === "" ? undefined : cleaned;
}
