// Anthropic usage in core's Usage terms. Anthropic's `input_tokens` counts
// only the uncached prompt tokens; cache reads and writes come apart. Core's
// `input` counts every prompt token, so input = input_tokens + cache reads +
// cache writes, with cacheRead/cacheWrite saying how many of them were which.
import type { Usage } from "@tracehub/core";
import { field } from "@tracehub/instrumentation";

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A usage object (from a message, or message_start merged with message_delta) as core Usage. */
export function toUsage(raw: unknown): Usage | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const uncached = num(field(raw, "input_tokens"));
  const cacheRead = num(field(raw, "cache_read_input_tokens"));
  const cacheWrite = num(field(raw, "cache_creation_input_tokens"));
  const output = num(field(raw, "output_tokens"));
  const usage: Usage = {};
  if (uncached !== undefined || cacheRead !== undefined || cacheWrite !== undefined) {
    usage.input = (uncached ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
  }
  if (output !== undefined) usage.output = output;
  if (usage.input !== undefined || usage.output !== undefined) usage.total = (usage.input ?? 0) + (usage.output ?? 0);
  if (cacheRead !== undefined && cacheRead > 0) usage.cacheRead = cacheRead;
  if (cacheWrite !== undefined && cacheWrite > 0) usage.cacheWrite = cacheWrite;
  const creation = field(raw, "cache_creation");
  const write5m = num(field(creation, "ephemeral_5m_input_tokens"));
  const write1h = num(field(creation, "ephemeral_1h_input_tokens"));
  if (write5m !== undefined && write5m > 0) usage.cacheWrite5m = write5m;
  if (write1h !== undefined && write1h > 0) usage.cacheWrite1h = write1h;
  const webSearches = num(field(field(raw, "server_tool_use"), "web_search_requests"));
  if (webSearches !== undefined && webSearches > 0) usage.webSearchRequests = webSearches;
  return Object.keys(usage).length === 0 ? undefined : usage;
}

/** Usage of a stream: message_start's, with every number message_delta reports (cumulative) laid over it. */
export function mergeUsage(start: unknown, delta: unknown): unknown {
  if (delta === null || typeof delta !== "object") return start;
  const merged: Record<string, unknown> = start !== null && typeof start === "object" ? { ...start } : {};
  for (const [key, value] of Object.entries(delta)) if (value !== null && value !== undefined) merged[key] = value;
  return merged;
}
