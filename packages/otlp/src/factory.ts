// What createHub loads from this package by name: enabled by the standard
// OpenTelemetry endpoint variables, configured from code, OTEL_EXPORTER_OTLP_*
// and defaults, in that order.
import type { AdapterFactory } from "@tracehub/core";
import { OtlpAdapter } from "./otlp-adapter.js";
import { resolveOtlpConfig } from "./transport/otlp-options.js";

const isSet = (value: string | undefined): boolean => value !== undefined && value.trim() !== "";

export const tracehubAdapter: AdapterFactory = {
  name: "otlp",
  detect: (env) => isSet(env["OTEL_EXPORTER_OTLP_ENDPOINT"]) || isSet(env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]),
  create(env, options, settings) {
    const resolved = resolveOtlpConfig(options, env, settings);
    if (!resolved.ok) return { ok: false, problems: resolved.problems };
    settings.log.debug(`otlp: sending ${resolved.config.protocol} to ${redactUrl(resolved.config.url)}`);
    return { ok: true, adapter: new OtlpAdapter(resolved.config, settings) };
  },
};

/** The URL without user info or query, which may hold credentials. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
