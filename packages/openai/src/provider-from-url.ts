// Who serves an OpenAI-compatible API, from the client's base URL: the
// provider recorded on spans (and used to pick host-specific prices).
import type { ServerInfo } from "@tracehub/instrumentation";

const HOSTED: [suffix: string, provider: string][] = [
  ["api.openai.com", "openai"],
  [".openai.azure.com", "azure"],
  [".cognitiveservices.azure.com", "azure"],
  [".services.ai.azure.com", "azure"],
  ["openrouter.ai", "openrouter"],
  ["api.groq.com", "groq"],
  ["api.together.xyz", "together"],
  ["api.together.ai", "together"],
  ["api.fireworks.ai", "fireworks"],
  ["api.deepseek.com", "deepseek"],
  ["api.mistral.ai", "mistral"],
  ["api.x.ai", "xai"],
  ["api.perplexity.ai", "perplexity"],
  ["generativelanguage.googleapis.com", "google"],
  ["api.cerebras.ai", "cerebras"],
  ["api.deepinfra.com", "deepinfra"],
];

/** Default ports of the common local servers. */
const LOCAL_PORTS: Record<string, string> = {
  "11434": "ollama",
  "8000": "vllm",
  "8080": "llama.cpp",
  "1234": "lmstudio",
};

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1", "host.docker.internal"]);

function hostMatches(host: string, suffix: string): boolean {
  return suffix.startsWith(".") ? host.endsWith(suffix) : host === suffix || host.endsWith(`.${suffix}`);
}

const cache = new Map<string, ServerInfo>();

/** Provider, address and port for a base URL; unknown hosts are recorded by hostname. */
export function serverFromBaseURL(baseURL: unknown): ServerInfo {
  const key = typeof baseURL === "string" ? baseURL : "";
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const info = resolve(key);
  if (cache.size > 100) cache.clear();
  cache.set(key, info);
  return info;
}

function resolve(baseURL: string): ServerInfo {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return { provider: "openai" };
  }
  const host = url.hostname.toLowerCase();
  const defaultPort = url.protocol === "https:" ? 443 : 80;
  const info: ServerInfo = { provider: host, address: host, port: url.port === "" ? defaultPort : Number(url.port) };
  const hosted = HOSTED.find(([suffix]) => hostMatches(host, suffix));
  if (hosted !== undefined) info.provider = hosted[1];
  else if (LOCAL_HOSTS.has(host)) info.provider = LOCAL_PORTS[url.port] ?? (/\bollama\b/.test(url.pathname) ? "ollama" : "local");
  return info;
}
