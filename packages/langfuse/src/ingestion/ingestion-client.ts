// Sends ingestion events (scores; in legacy mode spans too) to POST
// /api/public/ingestion in batches below the server's 3.5 MB limit, an item's
// events always in one batch, and reads the 207 answer event by event: 429 and
// 5xx retried, every other error (400 invalid, 401/403 access, 404 not found)
// dropped with the server's message.
import { parseRetryAfter, safeStringify, type ExportResult, type RejectedItem } from "@tracehub/core";
import { utf8Length } from "../mapping/field-cap.js";
import { combineOutcomes, type RequestOutcome } from "../transport/combine-results.js";
import { postJson, serverMessage } from "../transport/ingestion-request.js";
import { failureResult, isRetryableStatus } from "../transport/request-failure.js";
import { scrubSecrets } from "../transport/scrub.js";
import type { IngestionEvent, ItemEvents } from "./ingestion-event.js";

/** The documented limit of one ingestion request. */
export const MAX_INGESTION_REQUEST_BYTES = 3_500_000;
/** `{"batch":[` … `]}` */
const ENVELOPE_BYTES = 16;

export interface IngestionTarget {
  url: string;
  headers: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Scrubbed from any server text. */
  secrets: readonly string[];
  /** Logs a warning the first time `key` is seen (per adapter). */
  warnOnce(key: string, message: string): void;
  maxRequestBytes?: number;
}

interface PreparedItem {
  itemId: string;
  eventIds: string[];
  eventTypes: string[];
  json: string[];
  bytes: number;
}

interface ServerError {
  status: number;
  text: string;
}

export async function sendIngestionEvents(items: readonly ItemEvents[], target: IngestionTarget): Promise<ExportResult> {
  const limit = target.maxRequestBytes ?? MAX_INGESTION_REQUEST_BYTES;
  const tooLarge: RejectedItem[] = [];
  const chunks: PreparedItem[][] = [];
  let chunk: PreparedItem[] = [];
  let chunkBytes = ENVELOPE_BYTES;
  for (const item of items) {
    let prepared = prepare(item.itemId, item.events);
    if (prepared.bytes + ENVELOPE_BYTES > limit && item.shrink !== undefined) prepared = prepare(item.itemId, item.shrink());
    if (prepared.bytes + ENVELOPE_BYTES > limit) {
      tooLarge.push({ id: item.itemId, retryable: false, reason: `its ingestion events take ${prepared.bytes} bytes, over Langfuse's ${limit}-byte batch limit` });
      continue;
    }
    if (chunk.length > 0 && chunkBytes + prepared.bytes > limit) {
      chunks.push(chunk);
      chunk = [];
      chunkBytes = ENVELOPE_BYTES;
    }
    chunk.push(prepared);
    chunkBytes += prepared.bytes;
  }
  if (chunk.length > 0) chunks.push(chunk);

  const outcomes: RequestOutcome[] = [];
  for (const c of chunks) outcomes.push({ ids: c.map((i) => i.itemId), result: await sendChunk(c, target) });
  return combineOutcomes(outcomes, tooLarge);
}

function prepare(itemId: string, events: readonly IngestionEvent[]): PreparedItem {
  const json = events.map(eventJson);
  let bytes = 0;
  for (const text of json) bytes += utf8Length(text) + 1; // + the comma
  return { itemId, eventIds: events.map((e) => e.id), eventTypes: events.map((e) => e.type), json, bytes };
}

/** JSON of one event; a value that slipped past the mapping unserialisable is made safe rather than sinking the batch. */
function eventJson(event: IngestionEvent): string {
  try {
    return JSON.stringify(event);
  } catch {
    return safeStringify(event, { maxFieldBytes: MAX_INGESTION_REQUEST_BYTES });
  }
}

async function sendChunk(chunk: readonly PreparedItem[], target: IngestionTarget): Promise<ExportResult> {
  const body = `{"batch":[${chunk.map((i) => i.json.join(",")).join(",")}]}`;
  const outcome = await postJson({ url: target.url, headers: target.headers, body, timeoutMs: target.timeoutMs });
  if (outcome.kind === "network") return { kind: "retry", reason: `Langfuse /api/public/ingestion: ${outcome.reason}` };
  const { status } = outcome;
  if (status < 200 || status >= 300) {
    const message = scrubSecrets(serverMessage(outcome.json, outcome.text), target.secrets);
    const detail = `HTTP ${status}${message === "" ? "" : `: ${message}`}`;
    return failureResult(status, detail, parseRetryAfter(outcome.retryAfter), "ingestion");
  }
  return perEventResult(chunk, outcome.json, target);
}

/** The 207 body `{successes:[{id,status}], errors:[{id,status,message,error}]}` as a result per item. */
function perEventResult(chunk: readonly PreparedItem[], json: unknown, target: IngestionTarget): ExportResult {
  const { successes, errors } = readBatchResponse(json, target.secrets);
  if (successes === undefined) return { kind: "ok" }; // a 2xx without a readable body: nothing says an event failed
  const rejected: RejectedItem[] = [];
  for (const item of chunk) {
    let retryable = false;
    const reasons: string[] = [];
    item.eventIds.forEach((eventId, i) => {
      const error = errors.get(eventId);
      const type = item.eventTypes[i] ?? "event";
      if (error !== undefined) {
        retryable ||= isRetryableStatus(error.status);
        reasons.push(`${type} rejected with ${error.status}${error.text === "" ? "" : `: ${error.text}`}`);
      } else if (!successes.has(eventId)) {
        retryable = true;
        reasons.push(`${type}: no result reported by the server`);
      }
    });
    if (reasons.length > 0) rejected.push({ id: item.itemId, retryable, reason: `Langfuse ingestion: ${reasons.join("; ")}` });
  }
  noteEventsOnlyServer(errors, target);
  return rejected.length === 0 ? { kind: "ok" } : { kind: "partial", rejected };
}

function readBatchResponse(json: unknown, secrets: readonly string[]): { successes?: Set<string>; errors: Map<string, ServerError> } {
  const errors = new Map<string, ServerError>();
  if (typeof json !== "object" || json === null) return { errors };
  const body = json as { successes?: unknown; errors?: unknown };
  if (!Array.isArray(body.successes) && !Array.isArray(body.errors)) return { errors };
  const successes = new Set<string>();
  for (const s of Array.isArray(body.successes) ? body.successes : []) {
    const id = (s as { id?: unknown } | null)?.id;
    if (typeof id === "string") successes.add(id);
  }
  for (const e of Array.isArray(body.errors) ? body.errors : []) {
    if (typeof e !== "object" || e === null) continue;
    const { id, status } = e as { id?: unknown; status?: unknown };
    if (typeof id !== "string") continue;
    const text = scrubSecrets(serverMessage(e, ""), secrets);
    errors.set(id, { status: typeof status === "number" ? status : 500, text });
  }
  return { successes, errors };
}

/** A Langfuse v4 server refuses tracing events here; say once what to change. */
function noteEventsOnlyServer(errors: ReadonlyMap<string, ServerError>, target: IngestionTarget): void {
  for (const error of errors.values()) {
    if (/Event type not accepted|events_only/i.test(error.text)) {
      target.warnOnce(
        "events-only",
        "langfuse: this server no longer accepts tracing events on /api/public/ingestion (Langfuse v4); " +
          "unset LANGFUSE_INGESTION=legacy to send spans over OpenTelemetry",
      );
      return;
    }
  }
}
