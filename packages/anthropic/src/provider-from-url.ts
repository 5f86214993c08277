// Who serves the Messages API, from the client's base URL.
import type { ServerInfo } from "@tracehub/instrumentation";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1"]);
const cache = new Map<string, ServerInfo>();

/** `anthropic` for api.anthropic.com, `local` for a local server, the hostname otherwise (a proxy or gateway). */
export function serverFromBaseURL(baseURL: unknown): ServerInfo {
  const key = typeof baseURL === "string" ? baseURL : "";
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let info: ServerInfo = { provider: "anthropic" };
  try {
    const url = new URL(key);
    const host = url.hostname.toLowerCase();
    const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
    const provider = host === "api.anthropic.com" ? "anthropic" : LOCAL_HOSTS.has(host) ? "local" : host;
    info = { provider, address: host, port };
  } catch {
    // no usable base URL: the default API
  }
  if (cache.size > 100) cache.clear();
  cache.set(key, info);
  return info;
}
