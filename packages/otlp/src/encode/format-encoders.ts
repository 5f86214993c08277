// The two wire formats as reusable encoders: a writer, its emitter and the
// attribute-key table with each key's bytes in that format. One of each is
// kept and reused across requests. Besides saving allocations, this keeps
// their hidden classes alive: V8 drops the maps of objects that all died at a
// full GC, and every function optimised for those maps is deoptimised with them.
import { ProtoWriter } from "../proto/proto-writer.js";
import { AttributeKeys } from "./attribute-keys.js";
import { JsonEmitter } from "./json-emitter.js";
import { JsonWriter } from "./json-writer.js";
import { ProtobufEmitter } from "./protobuf-emitter.js";
import type { RequestEmitter } from "./request-emitter.js";

export interface FormatEncoder {
  readonly keys: AttributeKeys;
  readonly emitter: RequestEmitter;
  /** Starts a request on a fresh buffer sized for `items` spans and scores. */
  start(items: number): void;
  /** Ends the request: its bytes, which now belong to the caller. */
  finish(spanCount: number): Uint8Array;
}

abstract class SizedEncoder {
  // Sized from the bytes per span of the previous request, so a typical batch
  // is written without the buffer growing (and copying) on the way.
  protected bytesPerSpan: number;

  constructor(initialBytesPerSpan: number) {
    this.bytesPerSpan = initialBytesPerSpan;
  }

  protected capacity(items: number): number {
    return Math.ceil(this.bytesPerSpan * 1.25 * items) + 1024;
  }

  protected learn(bytes: number, spanCount: number): void {
    if (spanCount > 0) this.bytesPerSpan = bytes / spanCount;
  }
}

export class ProtobufEncoder extends SizedEncoder implements FormatEncoder {
  readonly keys = new AttributeKeys();
  private readonly writer = new ProtoWriter(0);
  readonly emitter = new ProtobufEmitter(this.writer);

  constructor() {
    super(2048);
  }

  start(items: number): void {
    this.writer.restart(this.capacity(items));
  }

  finish(spanCount: number): Uint8Array {
    const body = this.writer.finish();
    this.learn(body.length, spanCount);
    return body;
  }
}

export class JsonEncoder extends SizedEncoder implements FormatEncoder {
  readonly keys = new AttributeKeys();
  private readonly writer = new JsonWriter(0);
  private readonly json = new JsonEmitter(this.writer);
  readonly emitter: RequestEmitter = this.json;

  constructor() {
    super(4096);
  }

  start(items: number): void {
    this.writer.restart(this.capacity(items));
    this.writer.checkInheritedKeys();
    this.json.open();
  }

  finish(spanCount: number): Uint8Array {
    this.json.close();
    const body = this.writer.finish();
    this.learn(body.length, spanCount);
    return body;
  }
}

/** Runs `use` with the shared encoder, or a fresh one when the shared one is busy (re-entry from a mapper). */
export function withEncoder<E extends FormatEncoder, R>(pool: { idle: E | undefined; create(): E }, use: (encoder: E) => R): R {
  const encoder = pool.idle ?? pool.create();
  pool.idle = undefined;
  try {
    return use(encoder);
  } finally {
    pool.idle = encoder;
  }
}
