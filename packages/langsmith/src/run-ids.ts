// Run and feedback ids. LangSmith wants UUIDs, and its SDK now issues UUIDv7
// whose 48 time bits are the run's start (it warns that other versions will
// stop being accepted). A run id here is a UUIDv7 too: time bits from the
// span's start, the 74 remaining bits from (traceId, spanId). So the id is a
// pure function of the span: every retry, every re-send from the spool and
// every process that saw the span addresses the same run.
import { createHash } from "node:crypto";
import { isValidSpanId, isValidTraceId } from "@tracehub/core";

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Run id of a span: UUIDv7 with `startMs` in its time field. */
export function runIdFor(traceId: string, spanId: string, startMs: number): string {
  const bits = idBits(traceId, spanId);
  const bytes = new Uint8Array(16);
  let time = Math.max(0, Math.floor(startMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | ((bits[0] as number) & 0x0f); // version 7 + 4 id bits
  bytes[7] = bits[1] as number;
  bytes[8] = 0x80 | ((bits[2] as number) & 0x3f); // RFC 9562 variant + 6 id bits
  bytes.set(bits.subarray(3, 10), 9);
  return formatUuid(bytes);
}

/**
 * 10 bytes that identify (traceId, spanId). For W3C ids: a mix of the whole
 * trace id (computed once per run of spans of one trace), its first 8 bytes
 * XOR the span id. Distinct span ids of one trace always give distinct
 * bits, and spans of different traces collide only by chance, whatever the
 * ids' structure (sequential ids included). Ids of any other shape are hashed whole.
 */
function idBits(traceId: string, spanId: string): Uint8Array {
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) {
    return createHash("sha256").update(`${traceId}:${spanId}`).digest().subarray(0, 10);
  }
  const trace = traceHash(traceId);
  const span = Buffer.from(spanId, "hex");
  const bits = new Uint8Array(10);
  bits[0] = trace[8] as number;
  bits[1] = (span[0] as number) ^ (trace[0] as number);
  bits[2] = trace[9] as number;
  for (let i = 1; i < 8; i++) bits[i + 2] = (span[i] as number) ^ (trace[i] as number);
  return bits;
}

let lastTraceId = "";
let lastTraceHash: Uint8Array = new Uint8Array(10);

/**
 * 10 bytes mixed from the whole trace id, remembered for the last trace (a
 * batch's spans come a trace at a time). Not a cryptographic hash, and need
 * not be one: it only has to spread structured ids (sequential, say) so that
 * different traces' bits do not line up; three seeded murmur-style mixes of
 * the id's four 32-bit words, far cheaper than sha256 once per trace.
 */
function traceHash(traceId: string): Uint8Array {
  if (traceId === lastTraceId) return lastTraceHash;
  const words = [0, 8, 16, 24].map((at) => Number.parseInt(traceId.slice(at, at + 8), 16));
  const bytes = new Uint8Array(12);
  for (let k = 0; k < 3; k++) {
    let h = Math.imul(k + 1, 0x9e3779b9);
    for (const word of words) {
      h = Math.imul(h ^ word, 0x5bd1e995);
      h ^= h >>> 15;
    }
    // murmur3's finaliser: every input bit reaches every output bit
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    bytes[k * 4] = h >>> 24;
    bytes[k * 4 + 1] = (h >>> 16) & 0xff;
    bytes[k * 4 + 2] = (h >>> 8) & 0xff;
    bytes[k * 4 + 3] = h & 0xff;
  }
  lastTraceId = traceId;
  lastTraceHash = bytes.subarray(0, 10);
  return lastTraceHash;
}

/**
 * Feedback id for a score: its own id when that is already a UUID (core
 * issues v4 UUIDs), else a name-based UUIDv5 of it, so re-sending a score
 * with a custom id is still idempotent.
 */
export function feedbackIdFor(scoreId: string): string {
  if (UUID_SHAPE.test(scoreId)) return scoreId.toLowerCase();
  const hash = createHash("sha1").update(FEEDBACK_NAMESPACE).update(scoreId).digest();
  const bytes = new Uint8Array(hash.subarray(0, 16));
  bytes[6] = 0x50 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  return formatUuid(bytes);
}

export function isUuid(value: string): boolean {
  return UUID_SHAPE.test(value);
}

/** Namespace bytes of tracehub feedback ids (a fixed random UUID). */
const FEEDBACK_NAMESPACE = Buffer.from("5c0e3f7e2b9a4d8c9f1e6a7b3c2d1e0f", "hex");

function formatUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
