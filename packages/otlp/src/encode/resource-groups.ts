// OTLP puts service name, version and deployment environment on the Resource,
// while tracehub carries them in each span's trace context. Spans are grouped
// by those values so each group gets one ResourceSpans with the right resource.
import type { ReadonlySpan, TraceContext } from "@tracehub/core";
import type { AttributeEntries } from "./request-emitter.js";

export interface ResourceGroup {
  attributes: AttributeEntries;
  spans: ReadonlySpan[];
}

/** The OpenTelemetry SDK's default when no service name is configured. */
const UNKNOWN_SERVICE = "unknown_service";

/**
 * Resource attributes for one trace context: `base` (telemetry.sdk.*,
 * OTEL_RESOURCE_ATTRIBUTES, code options) overlaid with the context's
 * service.name, service.version (release, else version) and
 * deployment.environment.name. A context that only has the default
 * "unknown_service…" name keeps a service.name set in `base`.
 */
export function resourceAttributes(base: AttributeEntries, context: Readonly<TraceContext>): AttributeEntries {
  const attributes: Record<string, AttributeEntries[string]> = { ...base };
  const name = context.serviceName;
  if (name !== undefined && !(name.startsWith(UNKNOWN_SERVICE) && typeof base["service.name"] === "string")) {
    attributes["service.name"] = name;
  }
  attributes["service.name"] ??= `${UNKNOWN_SERVICE}:node`;
  const version = context.release ?? context.version;
  if (version !== undefined) attributes["service.version"] = version;
  if (context.environment !== undefined) attributes["deployment.environment.name"] = context.environment;
  return attributes;
}

/** Spans grouped by resource, groups in order of first appearance. */
export function groupByResource(spans: readonly ReadonlySpan[], base: AttributeEntries): Map<string, ResourceGroup> {
  const groups = new Map<string, ResourceGroup>();
  // Runs of spans share their context (or at least its resource fields): look the group up once per run.
  let lastContext: Readonly<TraceContext> | undefined;
  let lastGroup: ResourceGroup | undefined;
  for (const span of spans) {
    const context = span.context;
    if (lastGroup === undefined || lastContext === undefined || !sameResource(context, lastContext)) {
      const key = resourceKey(context);
      let group = groups.get(key);
      if (group === undefined) {
        group = { attributes: resourceAttributes(base, context), spans: [] };
        groups.set(key, group);
      }
      lastGroup = group;
    }
    lastContext = context;
    lastGroup.spans.push(span);
  }
  return groups;
}

function sameResource(a: Readonly<TraceContext>, b: Readonly<TraceContext>): boolean {
  return (
    a === b ||
    (a.serviceName === b.serviceName && a.release === b.release && a.version === b.version && a.environment === b.environment)
  );
}

export function resourceKey(context: Readonly<TraceContext>): string {
  return `${context.serviceName ?? ""}\u0000${context.release ?? context.version ?? ""}\u0000${context.environment ?? ""}`;
}
