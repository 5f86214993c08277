// A growable byte buffer, the base of the protobuf and JSON writers. On Node
// its memory comes from Buffer.allocUnsafe (no zero-filling) and UTF-8 is
// encoded natively by Buffer's utf8Write, with no intermediate allocation;
// the buffer itself is a plain Uint8Array view, whose element access V8
// optimises better than a Buffer's. Elsewhere (edge runtimes without Buffer)
// a Uint8Array and TextEncoder#encodeInto do the same job.

type Utf8Write = (this: Uint8Array, text: string, offset: number, length: number) => number;
interface NodeBufferStatic {
  allocUnsafe(size: number): Uint8Array;
  prototype: { utf8Write?: Utf8Write };
}

const NodeBuffer = (globalThis as { Buffer?: NodeBufferStatic }).Buffer;
const nodeUtf8Write = NodeBuffer?.prototype.utf8Write;
const textEncoder = new TextEncoder();
const EMPTY = new Uint8Array(0);
const typedArraySet = Uint8Array.prototype.set;

/**
 * `dst.set(src, at)` without looking `set` up on `dst`: optimised code does not
 * inline that lookup on typed arrays (it calls the generic load each time), while
 * a call through the function itself goes straight to the builtin.
 */
export function copyBytes(dst: Uint8Array, src: Uint8Array, at: number): void {
  typedArraySet.call(dst, src, at);
}

const typedArrayCopyWithin = Uint8Array.prototype.copyWithin;

/** `buf.copyWithin(at, start, end)`, called the same way as {@link copyBytes}, for the same reason. */
export function copyWithin(buf: Uint8Array, at: number, start: number, end: number): void {
  typedArrayCopyWithin.call(buf, at, start, end);
}

function allocate(size: number): Uint8Array {
  if (NodeBuffer === undefined) return new Uint8Array(size);
  const memory = NodeBuffer.allocUnsafe(size);
  return new Uint8Array(memory.buffer, memory.byteOffset, size);
}

/** Writes `text` as UTF-8 into `buf` at `at` (room ensured); returns the byte count. Exported for tests. */
export const encodeWithTextEncoder = (buf: Uint8Array, text: string, at: number): number =>
  textEncoder.encodeInto(text, buf.subarray(at)).written;

/** Same, through Node's native Buffer#utf8Write (which accepts any Uint8Array). */
export const encodeWithNodeBuffer = (buf: Uint8Array, text: string, at: number): number =>
  (nodeUtf8Write as Utf8Write).call(buf, text, at, buf.length - at);

const encodeUtf8 = typeof nodeUtf8Write === "function" ? encodeWithNodeBuffer : encodeWithTextEncoder;

/**
 * Writes the UTF-8 bytes of code point `c` (0x80 or more; a surrogate pair's
 * code point past 0xffff) at `p`; returns the position after them.
 */
export function putUtf8(buf: Uint8Array, p: number, c: number): number {
  if (c < 0x800) {
    buf[p++] = (c >> 6) | 0xc0;
  } else if (c < 0x10000) {
    buf[p++] = (c >> 12) | 0xe0;
    buf[p++] = ((c >> 6) & 0x3f) | 0x80;
  } else {
    buf[p++] = (c >> 18) | 0xf0;
    buf[p++] = ((c >> 12) & 0x3f) | 0x80;
    buf[p++] = ((c >> 6) & 0x3f) | 0x80;
  }
  buf[p++] = (c & 0x3f) | 0x80;
  return p;
}

/** The code point of the surrogate pair starting at `i` of `text`, or -1 when `text[i]` is not the start of one. */
export function surrogatePair(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return -1;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00) : -1;
}

export class ByteBuffer {
  protected buf: Uint8Array;
  /** Next byte to write. */
  pos = 0;

  constructor(capacity: number) {
    this.buf = allocate(Math.max(64, capacity));
  }

  /** The bytes written, without copying; the buffer is not written to again. */
  finish(): Uint8Array {
    const bytes = this.buf.subarray(0, this.pos);
    this.buf = EMPTY;
    this.pos = 0;
    return bytes;
  }

  /** Starts over on a fresh buffer of `capacity` bytes (the previous one belongs to its caller). */
  restart(capacity: number): void {
    this.buf = allocate(Math.max(64, capacity));
    this.pos = 0;
  }

  protected ensure(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < needed) size *= 2;
    const next = allocate(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Copies pre-encoded bytes. */
  bytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.putBytes(src);
  }

  /** Makes room for `extra` more bytes, for a run of the unchecked put* writes. */
  reserve(extra: number): void {
    this.ensure(extra);
  }

  /** Pre-encoded bytes, room already reserved. Long ones go to the typed-array builtin, short ones cost less as a loop. */
  putBytes(src: Uint8Array): void {
    if (src.length > 12) {
      copyBytes(this.buf, src, this.pos);
      this.pos += src.length;
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < src.length; i++) buf[p++] = src[i] as number;
    this.pos = p;
  }

  /** ASCII characters, room already reserved. */
  putAscii(text: string): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < text.length; i++) buf[p++] = text.charCodeAt(i);
    this.pos = p;
  }

  /** One byte. */
  byte(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value;
  }

  /** Characters known to be ASCII (structure, hex ids, numbers), one byte each. */
  ascii(text: string): void {
    const length = text.length;
    this.ensure(length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < length; i++) buf[p++] = text.charCodeAt(i);
    this.pos = p;
  }

  /**
   * UTF-8 bytes of `text` at `pos` (lone surrogates become U+FFFD), with room
   * for them already ensured by the caller: at most `text.length * 3` bytes.
   * Returns the byte count and leaves `pos` after them.
   */
  protected utf8(text: string): number {
    if (text.length > 64) return this.utf8Native(text);
    const start = this.pos;
    const buf = this.buf;
    let p = start;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        buf[p++] = c;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const pair = surrogatePair(text, i);
        if (pair >= 0) i++;
        p = putUtf8(buf, p, pair >= 0 ? pair : 0xfffd); // a lone surrogate becomes U+FFFD
      } else {
        p = putUtf8(buf, p, c);
      }
    }
    this.pos = p;
    return p - start;
  }

  /** `utf8` through the native encoder whatever the length (its call costs more than a short loop). */
  protected utf8Native(text: string): number {
    const written = encodeUtf8(this.buf, text, this.pos);
    this.pos += written;
    return written;
  }
}
