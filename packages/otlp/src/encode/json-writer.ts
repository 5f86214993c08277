// UTF-8 JSON text written straight into a byte buffer: building one large
// string by concatenation and encoding it afterwards costs more in garbage
// collection than the encoding itself. String literals are escaped exactly
// where JSON.stringify escapes them.
import { ByteBuffer, copyBytes, copyWithin, putUtf8, surrogatePair } from "../proto/byte-buffer.js";
import { splitUnixMs } from "./unix-nanos.js";
import type { ChatMessage, ChatPart } from "../mappers/chat-messages.js";

const HEX_DIGITS = "0123456789abcdef";
// Characters JSON.stringify escapes, plus surrogates (escaped when lone).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const NATIVE_PLAIN_MIN_LENGTH = 64;
const NATIVE_ESCAPED_MIN_LENGTH = 256;
/** Nesting past this is left to JSON.stringify (and a cycle to its error). */
const MAX_JSON_DEPTH = 64;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const NO_BYTES = new Uint8Array(0);
const POWERS_OF_TEN = Array.from({ length: 17 }, (_, i) => 10 ** i);
const hasOwnProperty = Object.prototype.hasOwnProperty;
/** The fixed text of chat messages, as it reads inside a JSON string literal. */
const inString = (text: string): Uint8Array => Uint8Array.from(JSON.stringify(text).slice(1, -1), (c) => c.charCodeAt(0));
const MESSAGE_ROLE = inString('{"role":');
const NEXT_MESSAGE_ROLE = inString(',{"role":');
const MESSAGE_PARTS = inString(',"parts":[');
const TEXT_PART = inString('{"type":"text","content":');
const NEXT_TEXT_PART = inString(',{"type":"text","content":');
const MESSAGE_NAME = inString(',"name":');
const MESSAGE_FINISH_REASON = inString(',"finish_reason":');
const BACKSLASH = 0x5c;

export class JsonWriter extends ByteBuffer {
  /**
   * Whether for-in over a plain object can meet inherited keys (an enumerable
   * key on Object.prototype). True until {@link checkInheritedKeys} says not.
   */
  private inheritedKeys = true;

  /** Nanoseconds since the epoch as decimal digits (the caller writes the quotes). */
  unixNanos(ms: number): void {
    const [whole, nanos] = splitUnixMs(ms);
    if (whole === 0) {
      this.integer(nanos);
      return;
    }
    // Whole ms as millions and six digits: no double ever holds the nanoseconds (past 2^53).
    const millions = Math.floor(whole / 1e6);
    const rest = whole - millions * 1e6;
    if (millions > 0) {
      this.integer(millions);
      this.sixDigits(rest);
    } else {
      this.integer(rest);
    }
    this.sixDigits(nanos);
  }

  /**
   * A safe integer's decimal digits, as String(value) and JSON.stringify write
   * them (-0 as 0), straight into the buffer: no string to build and copy.
   */
  integer(value: number): void {
    this.ensure(17); // a sign and 16 digits: 2^53 has 16
    const buf = this.buf;
    let p = this.pos;
    let n = value;
    if (n < 0) {
      buf[p++] = 0x2d;
      n = -n;
    }
    let digits = 1;
    while (digits < 16 && n >= (POWERS_OF_TEN[digits] as number)) digits++;
    const end = p + digits;
    let i = end;
    if (n < 0x80000000) {
      let small = n | 0;
      do {
        const q = (small / 10) | 0;
        buf[--i] = 0x30 + small - q * 10;
        small = q;
      } while (small > 0);
    } else {
      do {
        const q = Math.floor(n / 10);
        buf[--i] = 0x30 + (n - q * 10); // the digit first: 0x30 + n is past 2^53 near the top
        n = q;
      } while (n > 0);
    }
    this.pos = end;
  }

  private sixDigits(value: number): void {
    this.ensure(6);
    const buf = this.buf;
    let n = value | 0;
    for (let i = this.pos + 5; i >= this.pos; i--) {
      const q = (n / 10) | 0;
      buf[i] = 0x30 + n - q * 10;
      n = q;
    }
    this.pos += 6;
  }

  /** A JSON string literal. */
  string(value: string): void {
    this.headedString(false, NO_BYTES, value, 0);
  }

  /**
   * A comma when `comma`, the pre-encoded `head`, `value` as a JSON string
   * literal, then `closeBraces` closing braces: the common run of an OTLP
   * key-value, with one room check for all of it (the calls cost more than
   * the bytes in most attributes).
   */
  headedString(comma: boolean, head: Uint8Array, value: string, closeBraces: number): void {
    const length = value.length;
    // Long text goes to native code: as is when nothing needs escaping, else through
    // JSON.stringify, which escapes exactly as the loop below does (lone surrogates as \udXXX)
    // and returns well-formed text that utf8 copies unchanged. Below these lengths the
    // native calls (and JSON.stringify's copy) cost more than the loop (measured).
    if (length > NATIVE_PLAIN_MIN_LENGTH) {
      const plain = !NEEDS_ESCAPE.test(value);
      if (plain || length > NATIVE_ESCAPED_MIN_LENGTH) {
        this.head(comma, head);
        this.nativeString(value, plain);
        this.closeBraces(closeBraces);
        return;
      }
    }
    this.ensure(head.length + length * 6 + 3 + closeBraces);
    const buf = this.buf;
    let p = this.pos;
    if (comma) buf[p++] = COMMA;
    if (head.length > 0) {
      copyBytes(buf, head, p);
      p += head.length;
    }
    buf[p++] = QUOTE;
    p = putEscaped(buf, p, value, false);
    buf[p++] = QUOTE;
    for (let i = 0; i < closeBraces; i++) buf[p++] = CLOSE_BRACE;
    this.pos = p;
  }

  /** A comma when `comma`, then a copy of the bytes already written from `start` to `end`. */
  copyWritten(comma: boolean, start: number, end: number): void {
    this.ensure(end - start + 1);
    if (comma) this.buf[this.pos++] = COMMA;
    copyWithin(this.buf, this.pos, start, end);
    this.pos += end - start;
  }

  /** A comma when `comma`, then the pre-encoded `head`. */
  head(comma: boolean, head: Uint8Array): void {
    this.ensure(head.length + 1);
    if (comma) this.buf[this.pos++] = COMMA;
    copyBytes(this.buf, head, this.pos);
    this.pos += head.length;
  }

  /** A closing quote and `braces` closing braces. */
  closeString(braces: number): void {
    this.ensure(braces + 1);
    this.buf[this.pos++] = QUOTE;
    for (let i = 0; i < braces; i++) this.buf[this.pos++] = CLOSE_BRACE;
  }

  /** `count` closing braces. */
  closeBraces(count: number): void {
    this.ensure(count);
    for (let i = 0; i < count; i++) this.buf[this.pos++] = CLOSE_BRACE;
  }

  /** A long string literal through native code; `plain`: nothing in it needs escaping. */
  private nativeString(value: string, plain: boolean): void {
    if (plain) {
      this.ensure(value.length * 3 + 2);
      this.buf[this.pos++] = QUOTE;
      this.utf8Native(value);
      this.buf[this.pos++] = QUOTE;
      return;
    }
    const quoted = JSON.stringify(value);
    this.ensure(quoted.length * 3);
    this.utf8Native(quoted);
  }

  /**
   * Looks once, when a request starts, whether Object.prototype has an
   * enumerable key; when it has none (the normal case), for-in over a plain
   * object meets own keys only and needs no hasOwnProperty call per key.
   */
  checkInheritedKeys(): void {
    this.inheritedKeys = false;
    for (const key in Object.prototype) {
      this.inheritedKeys = key !== undefined;
      break;
    }
  }

  /**
   * `value`'s JSON text as a JSON string literal, i.e. the bytes of
   * JSON.stringify(JSON.stringify(value)), in one pass: no intermediate text
   * to build and escape again. Returns false when `value` is not plain JSON
   * data (nothing to write at the top, a toJSON method, an object that is not
   * plain, a bigint, nesting past 64, a getter that throws); the caller then
   * discards what was written and asks JSON.stringify.
   */
  jsonAsString(value: unknown): boolean {
    if (isSkipped(value)) return false;
    this.byte(QUOTE);
    try {
      if (!this.jsonInString(value, 0)) return false;
    } catch {
      return false;
    }
    this.byte(QUOTE);
    return true;
  }

  /**
   * {@link jsonAsString} for chat messages as chat-messages.ts makes them: each
   * message's keys are role, parts, name, finish_reason in that order (the last
   * two often undefined), and a part of type "text" is exactly
   * `{ type: "text", content: <string> }`. Those are written from known text,
   * with no per-object shape lookups; other parts go the general way.
   */
  chatMessagesAsString(messages: readonly ChatMessage[]): boolean {
    this.byte(QUOTE);
    try {
      this.byte(OPEN_BRACKET);
      for (let i = 0; i < messages.length; i++) {
        const message = messages[i] as ChatMessage;
        this.bytes(i === 0 ? MESSAGE_ROLE : NEXT_MESSAGE_ROLE);
        this.quotedInString(0, message.role, 0);
        this.bytes(MESSAGE_PARTS);
        const parts = message.parts;
        for (let j = 0; j < parts.length; j++) {
          const part = parts[j] as ChatPart;
          const content = part["content"];
          if (part.type === "text" && typeof content === "string") {
            this.bytes(j === 0 ? TEXT_PART : NEXT_TEXT_PART);
            this.quotedInString(0, content, CLOSE_BRACE);
          } else {
            if (j > 0) this.byte(COMMA);
            if (!this.jsonInString(part, 2)) return false;
          }
        }
        this.byte(CLOSE_BRACKET);
        if (message.name !== undefined) {
          this.bytes(MESSAGE_NAME);
          this.quotedInString(0, message.name, 0);
        }
        if (message.finish_reason !== undefined) {
          this.bytes(MESSAGE_FINISH_REASON);
          this.quotedInString(0, message.finish_reason, 0);
        }
        this.byte(CLOSE_BRACE);
      }
      this.byte(CLOSE_BRACKET);
    } catch {
      return false;
    }
    this.byte(QUOTE);
    return true;
  }

  private jsonInString(value: unknown, depth: number): boolean {
    // `typeof value === …` tests rather than a switch on typeof: see attributeValue.
    if (typeof value === "string") {
      this.quotedInString(0, value, 0);
      return true;
    }
    if (typeof value === "number") {
      if (Number.isSafeInteger(value)) this.integer(value);
      else this.ascii(Number.isFinite(value) ? String(value) : "null");
      return true;
    }
    if (typeof value === "boolean") {
      this.ascii(value ? "true" : "false");
      return true;
    }
    if (typeof value !== "object") return false; // a bigint: JSON.stringify throws on it
    if (value === null) {
      this.ascii("null");
      return true;
    }
    if (depth >= MAX_JSON_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
    if (Array.isArray(value)) {
      this.byte(OPEN_BRACKET);
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.byte(COMMA);
        const item: unknown = value[i];
        if (isSkipped(item)) this.ascii("null");
        else if (!this.jsonInString(item, depth + 1)) return false;
      }
      this.byte(CLOSE_BRACKET);
      return true;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return false; // Map, Date, class instances…
    const ownOnly = prototype === null || !this.inheritedKeys;
    // Each member's name is written with the byte before it ({ for the first, a comma after) and its colon.
    let before = OPEN_BRACE;
    // for-in over a plain object, own keys only: JSON.stringify's keys and order, without an array of them.
    for (const key in value) {
      if (ownOnly === false && !hasOwnProperty.call(value, key)) continue;
      const item = (value as Record<string, unknown>)[key];
      if (isSkipped(item)) continue;
      this.quotedInString(before, key, COLON);
      before = COMMA;
      if (!this.jsonInString(item, depth + 1)) return false;
    }
    if (before === OPEN_BRACE) this.byte(OPEN_BRACE);
    this.byte(CLOSE_BRACE);
    return true;
  }

  /**
   * A string of the inner JSON text (JSON.stringify's escapes, each backslash
   * and quote escaped again), with the byte `before` it and the byte `after`
   * it when they are not 0.
   */
  private quotedInString(before: number, value: string, after: number): void {
    const length = value.length;
    this.ensure(length * 7 + 6); // \\u00XX: 7 bytes for one character at most
    const buf = this.buf;
    let p = this.pos;
    if (before !== 0) buf[p++] = before;
    buf[p++] = BACKSLASH;
    buf[p++] = QUOTE;
    p = putEscaped(buf, p, value, true);
    buf[p++] = BACKSLASH;
    buf[p++] = QUOTE;
    if (after !== 0) buf[p++] = after;
    this.pos = p;
  }
}

/** True for what JSON.stringify leaves out of objects and writes as null in arrays. */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/**
 * The tail of JSON.stringify's escape for a control character or a lone
 * surrogate (`n`, `t`… or `u00XX` / `udXXX`), after its backslash.
 */
function escapeTail(buf: Uint8Array, p: number, c: number): number {
  let short = 0;
  if (c === 0x08) short = 0x62; // b
  else if (c === 0x09) short = 0x74; // t
  else if (c === 0x0a) short = 0x6e; // n
  else if (c === 0x0c) short = 0x66; // f
  else if (c === 0x0d) short = 0x72; // r
  if (short !== 0) {
    buf[p++] = short;
    return p;
  }
  buf[p++] = 0x75; // u
  buf[p++] = HEX_DIGITS.charCodeAt((c >> 12) & 0xf);
  buf[p++] = HEX_DIGITS.charCodeAt((c >> 8) & 0xf);
  buf[p++] = HEX_DIGITS.charCodeAt((c >> 4) & 0xf);
  buf[p++] = HEX_DIGITS.charCodeAt(c & 0xf);
  return p;
}

/**
 * The characters of `value` as JSON.stringify escapes them, in UTF-8, without
 * the quotes; `nested`: escaped once more, for JSON text inside a JSON string.
 * Room for them (6 or, nested, 7 bytes a character) is the caller's to ensure.
 */
function putEscaped(buf: Uint8Array, p: number, value: string, nested: boolean): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) {
      // Literals, not QUOTE and BACKSLASH: the bundler turns module constants into
      // variables, which this loop would load and check on every character.
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c) buf[p++] = c;
      else p = escape(buf, p, c, nested);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = surrogatePair(value, i);
      if (pair >= 0) {
        p = putUtf8(buf, p, pair);
        i++;
      } else {
        p = escape(buf, p, c, nested); // a lone surrogate, as JSON.stringify writes it
      }
    } else {
      p = putUtf8(buf, p, c);
    }
  }
  return p;
}

/**
 * JSON.stringify's escape for a character it escapes (\" \\ \n … \u00XX,
 * \udXXX); `nested`: with its backslash and quote escaped once more.
 */
function escape(buf: Uint8Array, p: number, c: number, nested: boolean): number {
  buf[p++] = BACKSLASH;
  if (nested) buf[p++] = BACKSLASH;
  if (c === QUOTE || c === BACKSLASH) {
    if (nested) buf[p++] = BACKSLASH;
    buf[p++] = c;
    return p;
  }
  return escapeTail(buf, p, c);
}
