// Reads the OTLP exporter variables exactly as OpenTelemetry defines them
// (specification/protocol/exporter.md): the traces-specific variable first,
// then the general one. Values are parsed here; problems are reported without
// ever quoting a header value (they hold API keys).
import type { ConfigProblem } from "@tracehub/core";

type Env = Readonly<Record<string, string | undefined>>;

export type OtlpProtocol = "http/protobuf" | "http/json";
export type OtlpCompression = "gzip" | "none";

export interface OtlpEnv {
  /** Full traces URL: TRACES_ENDPOINT as is, or ENDPOINT + "/v1/traces". */
  url?: string;
  protocol?: OtlpProtocol;
  compression?: OtlpCompression;
  timeoutMs?: number;
  headers: Record<string, string>;
  resourceAttributes: Record<string, string>;
}

const v = (name: string, signal: boolean): string => (signal ? `OTEL_EXPORTER_OTLP_TRACES_${name}` : `OTEL_EXPORTER_OTLP_${name}`);

/** The first of the traces-specific and general variable that is set (non-blank), with its name. */
function pick(env: Env, name: string): { name: string; value: string } | undefined {
  for (const signal of [true, false]) {
    const key = v(name, signal);
    const value = env[key]?.trim();
    if (value !== undefined && value !== "") return { name: key, value };
  }
  return undefined;
}

export function readOtlpEnv(env: Env): { values: OtlpEnv; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const values: OtlpEnv = { headers: {}, resourceAttributes: {} };

  const traces = env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]?.trim();
  const base = env["OTEL_EXPORTER_OTLP_ENDPOINT"]?.trim();
  if (traces !== undefined && traces !== "") {
    if (isHttpUrl(traces)) values.url = traces;
    else problems.push(badUrl("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
  } else if (base !== undefined && base !== "") {
    if (isHttpUrl(base)) values.url = tracesUrl(base);
    else problems.push(badUrl("OTEL_EXPORTER_OTLP_ENDPOINT"));
  }

  const protocol = pick(env, "PROTOCOL");
  if (protocol !== undefined) {
    const parsed = parseProtocol(protocol.value);
    if (parsed !== undefined) values.protocol = parsed;
    else problems.push(badProtocol(protocol.name, protocol.value));
  }

  const compression = pick(env, "COMPRESSION");
  if (compression !== undefined) {
    const parsed = parseCompression(compression.value);
    if (parsed !== undefined) values.compression = parsed;
    else {
      problems.push({
        source: compression.name,
        problem: `${compression.name} is "${shown(compression.value)}": expected gzip or none`,
        fix: `Set ${compression.name}=gzip or ${compression.name}=none, or unset it`,
      });
    }
  }

  const timeout = pick(env, "TIMEOUT");
  if (timeout !== undefined) {
    if (/^\d+$/.test(timeout.value) && Number(timeout.value) > 0 && Number(timeout.value) <= 600_000) {
      values.timeoutMs = Number(timeout.value);
    } else {
      problems.push({
        source: timeout.name,
        problem: `${timeout.name} is "${shown(timeout.value)}": expected a whole number of milliseconds from 1 to 600000`,
        fix: `Set ${timeout.name} to milliseconds, e.g. 10000, or unset it for the default 10000`,
      });
    }
  }

  // General headers first, traces-specific ones override them key by key.
  for (const name of [v("HEADERS", false), v("HEADERS", true)]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = parseKeyValueList(raw, name, "header", problems);
    for (const [key, value] of Object.entries(parsed)) values.headers[key.toLowerCase()] = value;
  }

  const resource = env["OTEL_RESOURCE_ATTRIBUTES"];
  if (resource !== undefined && resource.trim() !== "") {
    values.resourceAttributes = parseKeyValueList(resource, "OTEL_RESOURCE_ATTRIBUTES", "attribute", problems);
  }
  return { values, problems };
}

/** `OTEL_EXPORTER_OTLP_ENDPOINT` is a base URL: the traces path is appended to it. */
export function tracesUrl(base: string): string {
  return `${base.replace(/\/+$/, "")}/v1/traces`;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export function parseProtocol(value: string): OtlpProtocol | undefined {
  const normalized = value.trim().toLowerCase();
  return normalized === "http/protobuf" || normalized === "http/json" ? normalized : undefined;
}

export function parseCompression(value: string): OtlpCompression | undefined {
  const normalized = value.trim().toLowerCase();
  return normalized === "gzip" || normalized === "none" ? normalized : undefined;
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * `k=v,k2=v2` with URL-encoded values (W3C Baggage format, as OpenTelemetry
 * specifies). A bad entry is reported by position and key, never by value.
 */
function parseKeyValueList(raw: string, source: string, what: "header" | "attribute", problems: ConfigProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = raw.split(",");
  entries.forEach((entry, index) => {
    if (entry.trim() === "") return;
    const eq = entry.indexOf("=");
    const key = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    const where = `entry ${index + 1}`;
    const fix = `Write ${source} as key=value pairs separated by commas, with values URL-encoded`;
    const keyOk = what === "header" ? HEADER_NAME.test(key) : key !== "";
    if (eq < 0 || !keyOk) {
      // Nothing of the entry is quoted: without its "=", it may well be a pasted secret.
      problems.push({ source, problem: `${source} ${where} is not a valid ${what} key=value pair`, fix });
      return;
    }
    try {
      out[key] = decodeURIComponent(entry.slice(eq + 1).trim());
    } catch {
      problems.push({ source, problem: `${source} ${where} ("${key}"): its value is not valid URL encoding (value hidden)`, fix });
    }
  });
  return out;
}

function badUrl(source: string): ConfigProblem {
  // Not quoted: endpoint URLs can carry credentials (user:password@ or a token in the query).
  return {
    source,
    problem: `${source} is not an http:// or https:// URL`,
    fix: `Set ${source} to the collector's URL, e.g. http://localhost:4318${source.includes("TRACES") ? "/v1/traces" : ""}`,
  };
}

function badProtocol(source: string, value: string): ConfigProblem {
  const grpc = value.trim().toLowerCase() === "grpc";
  return {
    source,
    problem: grpc
      ? `${source} is "grpc", which @tracehub/otlp does not speak: it sends OTLP over HTTP`
      : `${source} is "${shown(value)}": expected http/protobuf or http/json`,
    fix: grpc
      ? `Set ${source}=http/protobuf and point the endpoint at the collector's HTTP port (usually 4318)`
      : `Set ${source}=http/protobuf (default) or http/json`,
  };
}

function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
