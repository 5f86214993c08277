// A minimal protobuf writer: varints, fixed-width numbers, UTF-8 strings and
// length-delimited messages written straight into one growable buffer.
// Nested messages reserve one length byte and are shifted right only when the
// body turns out to need a longer varint, so no size pre-pass and no per-
// message allocation is needed (protobufjs forks a writer per message).
import { ByteBuffer } from "./byte-buffer.js";

const TWO_POW_32 = 4294967296;

const scratch = new DataView(new ArrayBuffer(8));

export class ProtoWriter extends ByteBuffer {
  /** A tag or any unsigned value below 2^32. */
  uint32(value: number): void {
    this.ensure(5);
    const buf = this.buf;
    let v = value >>> 0;
    while (v > 0x7f) {
      buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[this.pos++] = v;
  }

  /** A safe integer as an int64 varint (negative values take ten bytes, two's complement). */
  int64(value: number): void {
    if (value >= 0 && value < TWO_POW_32) {
      this.uint32(value);
      return;
    }
    const hi = Math.floor(value / TWO_POW_32);
    const lo = value - hi * TWO_POW_32;
    this.varint64(lo >>> 0, hi >>> 0);
  }

  private varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    while (hi !== 0 || lo > 0x7f) {
      buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[this.pos++] = lo;
  }

  fixed32(value: number): void {
    this.ensure(4);
    const buf = this.buf;
    const v = value >>> 0;
    buf[this.pos++] = v & 0xff;
    buf[this.pos++] = (v >>> 8) & 0xff;
    buf[this.pos++] = (v >>> 16) & 0xff;
    buf[this.pos++] = v >>> 24;
  }

  /** fixed64 from its low and high 32-bit halves. */
  fixed64(lo: number, hi: number): void {
    this.fixed32(lo);
    this.fixed32(hi);
  }

  double(value: number): void {
    this.ensure(8);
    scratch.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.buf[this.pos++] = scratch.getUint8(i);
  }

  bool(value: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = value ? 1 : 0;
  }

  /** Length-prefixed UTF-8. */
  string(value: string): void {
    const maxBytes = value.length * 3;
    const reserved = varintSize(maxBytes);
    this.ensure(reserved + maxBytes);
    const at = this.pos;
    this.pos = at + reserved;
    const written = this.utf8(value);
    if (reserved === 1) {
      this.buf[at] = written;
      return;
    }
    this.pos = at + reserved;
    this.placeLength(at, reserved, written);
  }

  /** Raw bytes of a lowercase or uppercase hex string, length-prefixed. The caller validates it. */
  hexBytes(hex: string): void {
    const n = hex.length >>> 1;
    this.ensure(1 + n);
    const buf = this.buf;
    buf[this.pos++] = n;
    for (let i = 0; i < hex.length; i += 2) {
      buf[this.pos++] = (hexNibble(hex.charCodeAt(i)) << 4) | hexNibble(hex.charCodeAt(i + 1));
    }
  }

  /** Starts a length-delimited body; pass the result to {@link end}. */
  begin(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Ends the body begun at `at`, writing its length there (shifting the body if it needs more than one byte). */
  end(at: number): void {
    const bodyAt = at + 1;
    const length = this.pos - bodyAt;
    if (length < 0x80) {
      this.buf[at] = length;
      return;
    }
    this.pos = bodyAt;
    this.placeLength(at, 1, length);
  }

  /**
   * Writes `length` as a varint at `at`, where `reserved` bytes were set aside,
   * moving the `length` body bytes that follow if the varint needs another width.
   * Expects `pos` at the body's start; leaves it after the body.
   */
  private placeLength(at: number, reserved: number, length: number): void {
    const size = varintSize(length);
    const bodyAt = at + reserved;
    if (size !== reserved) {
      this.ensure(size - reserved + length);
      this.buf.copyWithin(at + size, bodyAt, bodyAt + length);
    }
    let p = at;
    let v = length;
    while (v > 0x7f) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p++] = v;
    this.pos = p + length;
  }
}

function hexNibble(code: number): number {
  // '0'-'9' → 0-9, 'a'-'f' / 'A'-'F' → 10-15
  return code <= 57 ? code - 48 : (code | 0x20) - 87;
}

export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}
