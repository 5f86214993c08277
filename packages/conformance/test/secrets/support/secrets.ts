// Distinctive credentials for the secret scan, the environment that configures
// every adapter with them, and the scanner: every form a key could leak in
// (raw, URL-encoded, inside Langfuse's Basic auth value, base64) is searched
// for in whatever text the scan collects.

export const LANGFUSE_PUBLIC_KEY = "pk-lf-SECRET-7f3a9c1e-public-5b2d";
export const LANGFUSE_SECRET_KEY = "sk-lf-SECRET-7f3a9c2d-0b1e4f5a6c7d";
export const LANGSMITH_API_KEY = "lsv2_pt_SECRET9b8c7d6e5f4a3b2c1d0e_f00d1234ab";
export const OTLP_BEARER_TOKEN = "SECRET-otlp-bearer-4d5e6f7a8b9c";
export const OTLP_TEAM_KEY = "SECRET-otlp-team-0a1b2c3d4e5f";

/** OTEL_EXPORTER_OTLP_HEADERS as deployments write it: URL-encoded values. */
export const OTLP_HEADERS = `authorization=Bearer%20${OTLP_BEARER_TOKEN},x-honeycomb-team=${OTLP_TEAM_KEY}`;

export const BACKENDS = {
  otlp: "http://otlp.secrets.test",
  langfuse: "http://langfuse.secrets.test",
  langsmith: "http://langsmith.secrets.test",
  /** Where a malicious redirect points; nothing may ever be sent there. */
  evil: "http://evil.secrets.test",
} as const;

export type SecretOwner = "otlp" | "langfuse" | "langsmith";

/** Each secret, the backend it legitimately authenticates to, and the forms it could leak in. */
export const SECRETS: readonly { name: string; owner: SecretOwner; forms: string[] }[] = [
  { name: "LANGFUSE_PUBLIC_KEY", owner: "langfuse", forms: [LANGFUSE_PUBLIC_KEY] },
  { name: "LANGFUSE_SECRET_KEY", owner: "langfuse", forms: [LANGFUSE_SECRET_KEY, btoa(`${LANGFUSE_PUBLIC_KEY}:${LANGFUSE_SECRET_KEY}`)] },
  { name: "LANGSMITH_API_KEY", owner: "langsmith", forms: [LANGSMITH_API_KEY, btoa(LANGSMITH_API_KEY)] },
  { name: "OTLP bearer token", owner: "otlp", forms: [OTLP_BEARER_TOKEN, encodeURIComponent(`Bearer ${OTLP_BEARER_TOKEN}`), btoa(OTLP_BEARER_TOKEN)] },
  { name: "OTLP team key", owner: "otlp", forms: [OTLP_TEAM_KEY, btoa(OTLP_TEAM_KEY)] },
];

/** The environment of an application with every backend configured and debug logging on. */
export function secretEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    TRACEHUB_EXPORTERS: "console,otlp,langfuse,langsmith",
    TRACEHUB_DEBUG: "1",
    TRACEHUB_CONSOLE_FORMAT: "json",
    TRACEHUB_SPOOL: "off",
    OTEL_EXPORTER_OTLP_ENDPOINT: BACKENDS.otlp,
    OTEL_EXPORTER_OTLP_HEADERS: OTLP_HEADERS,
    LANGFUSE_PUBLIC_KEY,
    LANGFUSE_SECRET_KEY,
    LANGFUSE_BASE_URL: BACKENDS.langfuse,
    LANGSMITH_API_KEY,
    LANGSMITH_ENDPOINT: BACKENDS.langsmith,
    ...extra,
  };
}

/** "where: SECRET_NAME" for every secret form found in `text`. */
export function findSecrets(where: string, text: string, except?: SecretOwner): string[] {
  const found: string[] = [];
  for (const secret of SECRETS) {
    if (secret.owner === except) continue;
    if (secret.forms.some((form) => text.includes(form))) found.push(`${where}: ${secret.name}`);
  }
  return found;
}
