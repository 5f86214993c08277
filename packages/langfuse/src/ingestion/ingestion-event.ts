// The envelope of Langfuse's batch ingestion API (fern/apis/server/definition/
// ingestion.yml): `id` identifies this delivery of the event (the server
// reports results by it), `body.id` the entity, which later events upsert.
import { newUuid } from "@tracehub/core";

export interface IngestionEvent {
  id: string;
  /** ISO 8601; the server orders a batch's events by it. */
  timestamp: string;
  type: string;
  body: Record<string, unknown>;
}

/** One tracehub item (span or score) and the events that carry it. */
export interface ItemEvents {
  /** spanId of a span, id of a score: what a `partial` result names. */
  itemId: string;
  events: IngestionEvent[];
  /** The same events with smaller payload fields, for an item too large for one batch. */
  shrink?: () => IngestionEvent[];
}

export function ingestionEvent(type: string, timestamp: string, body: Record<string, unknown>): IngestionEvent {
  return { id: newUuid(), timestamp, type, body: withoutUndefined(body) };
}

function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in body) if (body[key] !== undefined) out[key] = body[key];
  return out;
}
