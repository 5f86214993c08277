// Turns any value into a JSON-safe deep copy that fits a byte budget. Runs at
// export time on every span's input and output, so it never throws, never
// recurses without bound, and never stringifies to measure: it keeps a running
// UTF-8 budget and reserves room for its own truncation notes as it goes.
//
// Mapping (built-ins are recognised in inspect-value.ts):
// cycles → "[Circular]" (shared non-cyclic references are repeated); NaN and
// ±Infinity → "NaN", "Infinity", "-Infinity"; -0 → 0; BigInt → "123";
// Symbol → "Symbol(desc)" (symbol keys skipped); function → "[Function name]";
// undefined → omitted in objects, null in arrays; Date → ISO string or
// "Invalid Date"; RegExp, URL, URLSearchParams → string; boxed primitive →
// the primitive; WeakMap/WeakSet/WeakRef/Promise → "[WeakMap]"…; binary data →
// {"$type":"Uint8Array","length":N,"byteLength":N} (Buffer, ArrayBuffer and
// DataView have no length), never the bytes; Map → {"$type":"Map","entries":
// [[key,value],…]}; Set → array; Error → {name, message, …own enumerable
// props, cause, errors, stack}; a working toJSON is used, a throwing one
// ignored; other objects → own enumerable string-keyed props; a throwing
// getter or trap → "[Thrown: message]" for that value only; lone surrogates →
// U+FFFD. Limits cut strings to head + "…[truncated, N chars total]", arrays
// to first items + "…[truncated, N items total]", objects to first keys +
// "$truncated": "…[truncated, N keys total]", and depth to "[MaxDepth]".

import {
  callToJSON,
  classifyObject,
  describeFunction,
  describeThrown,
  mapEntriesOf,
  type ObjectShape,
  setValuesOf,
  toLength,
} from "./inspect-value.js";
import {
  type FittedString,
  fitString,
  jsonNumberBytes,
  jsonStringBytes,
  measureJson,
  truncationNote,
  truncationNoteBytes,
} from "./json-text.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface SafeValueOptions {
  /** Cap on the UTF-8 size of the JSON text of the result; honoured for any value ≥ 4 (meaningfully ≥ 256). */
  maxFieldBytes?: number;
  /** Strings longer than this many UTF-16 units are cut. */
  maxStringLength?: number;
  /** Arrays, Sets and Maps longer than this keep their first items. */
  maxArrayLength?: number;
  /** Objects with more own enumerable keys keep their first keys. */
  maxObjectKeys?: number;
  /** Objects nested deeper than this become "[MaxDepth]" (capped at 200). */
  maxDepth?: number;
}

export const DEFAULT_SAFE_VALUE_OPTIONS: Readonly<Required<SafeValueOptions>> = Object.freeze({
  maxFieldBytes: 1_000_000,
  maxStringLength: 100_000,
  maxArrayLength: 1_000,
  maxObjectKeys: 1_000,
  maxDepth: 32,
});

/**
 * Keeps recursion well inside the default call stack whatever maxDepth says
 * (a few frames per level; ~900 levels already overflow under a test runner).
 */
export const MAX_DEPTH_CEILING = 200;
/** Key of the note appended to objects that lost keys. */
export const TRUNCATED_KEY = "$truncated";
const TRUNCATED_KEY_BYTES = jsonStringBytes(TRUNCATED_KEY);

const ERROR_KEYS = ["name", "message", "cause", "errors", "stack"];

type Limits = Required<SafeValueOptions>;

function readLimit(options: unknown, name: keyof SafeValueOptions): number {
  try {
    const value = (options as Record<string, unknown> | undefined)?.[name];
    if (typeof value === "number" && value >= 0) return Math.floor(value);
  } catch {
    // A hostile options object: fall back to the default.
  }
  return DEFAULT_SAFE_VALUE_OPTIONS[name];
}

function resolveLimits(options: unknown): Limits {
  return {
    maxFieldBytes: readLimit(options, "maxFieldBytes"),
    maxStringLength: readLimit(options, "maxStringLength"),
    maxArrayLength: readLimit(options, "maxArrayLength"),
    maxObjectKeys: readLimit(options, "maxObjectKeys"),
    maxDepth: Math.min(readLimit(options, "maxDepth"), MAX_DEPTH_CEILING),
  };
}

/** Returned by an encoder when not even a truncated form fits its budget. */
const NO_FIT: unique symbol = Symbol("no-fit");
/** Returned by an object-value encoder for `undefined`: the key is left out. */
const OMIT: unique symbol = Symbol("omit");
type Encoded = JsonValue | typeof NO_FIT;
type ItemEncoder = (index: number, budget: number) => Encoded | typeof OMIT;
type PropertyEncoder = (key: string, budget: number) => Encoded | typeof OMIT;

class SafeValueWalker {
  /** Objects on the current path, for cycle detection (a Set never runs Proxy traps). */
  private readonly ancestors = new Set<object>();
  /** Key lists longer than maxObjectKeys, so a shared huge object is enumerated once, not once per reference. */
  private readonly longKeyLists = new Map<object, string[]>();
  /** UTF-8 size of the JSON text of the value the last encoder returned; never above its budget. */
  bytes = 0;

  constructor(private readonly limits: Limits) {}

  encode(value: unknown, depth: number, budget: number, key: string): Encoded {
    switch (typeof value) {
      case "string":
        return this.text(value, budget);
      case "number":
        if (!Number.isFinite(value)) return this.text(String(value), budget);
        return this.fixed(value === 0 ? 0 : value, jsonNumberBytes(value === 0 ? 0 : value), budget);
      case "boolean":
        return this.fixed(value, value ? 4 : 5, budget);
      case "bigint":
        return this.text(String(value), budget);
      case "symbol":
        return this.text(String(value), budget);
      case "function":
        return this.text(describeFunction(value), budget);
      case "undefined":
        return this.fixed(null, 4, budget);
      default:
        return value === null ? this.fixed(null, 4, budget) : this.object(value as object, depth, budget, key);
    }
  }

  private fixed(value: JsonValue, bytes: number, budget: number): Encoded {
    if (bytes > budget) return NO_FIT;
    this.bytes = bytes;
    return value;
  }

  private text(value: string, budget: number): Encoded {
    const fitted = fitString(value, this.limits.maxStringLength, budget);
    if (fitted === undefined) return NO_FIT;
    this.bytes = fitted.bytes;
    return fitted.text;
  }

  private object(value: object, depth: number, budget: number, key: string): Encoded {
    if (this.ancestors.has(value)) return this.text("[Circular]", budget);
    try {
      const shape = classifyObject(value);
      if (shape.kind === "standIn") {
        const { standIn } = shape;
        if (typeof standIn !== "object" || standIn === null) return this.encode(standIn, depth, budget, key);
        return this.fixed(standIn as JsonValue, measureJson(standIn as JsonValue), budget);
      }
      if (depth >= this.limits.maxDepth) return this.text("[MaxDepth]", budget);
      if (budget < 2) return NO_FIT;
      this.ancestors.add(value);
      try {
        return this.container(value, shape, depth + 1, budget, key);
      } finally {
        this.ancestors.delete(value);
      }
    } catch (error) {
      // A trap or getter threw somewhere we could not isolate it: mark the whole value.
      return this.text(describeThrown(error), budget);
    }
  }

  private container(value: object, shape: ObjectShape, childDepth: number, budget: number, key: string): Encoded {
    const fromToJSON = callToJSON(value, key);
    // Depth + 1 so a toJSON that returns a fresh object with its own toJSON cannot recurse forever.
    if (fromToJSON !== undefined) return this.encode(fromToJSON.result, childDepth, budget, key);
    switch (shape.kind) {
      case "error":
        return this.error(value, childDepth, budget);
      case "array": {
        const items = value as unknown[];
        const length = toLength(items.length);
        return this.array(length, (i, room) => this.property(items, String(i), childDepth, room, false), budget);
      }
      case "map":
        return this.map(value, shape.size, childDepth, budget);
      case "set": {
        const values = setValuesOf(value);
        return this.array(shape.size, (i, room) => this.encode(values.next().value, childDepth, room, String(i)), budget);
      }
      default: {
        const record = value as Record<string, unknown>;
        const keys = this.longKeyLists.get(record) ?? Object.keys(record);
        if (keys.length > this.limits.maxObjectKeys) this.longKeyLists.set(record, keys);
        return this.record(keys, (k, room) => this.property(record, k, childDepth, room, true), budget);
      }
    }
  }

  /** Reads one property, turning a throwing getter into a marker for that key only. */
  private property(
    owner: Record<string, unknown> | unknown[],
    key: string,
    depth: number,
    budget: number,
    omitUndefined: boolean,
  ): Encoded | typeof OMIT {
    let value: unknown;
    try {
      value = (owner as Record<string, unknown>)[key];
    } catch (error) {
      return this.text(describeThrown(error), budget);
    }
    if (value === undefined && omitUndefined) return OMIT;
    return this.encode(value, depth, budget, key);
  }

  /** Stack last: under a tight budget the short fields (code, status, cause) matter more. */
  private error(error: object, depth: number, budget: number): Encoded {
    const ownKeys = Object.keys(error).filter((k) => !ERROR_KEYS.includes(k));
    const keys = ["name", "message", ...ownKeys, "cause", "errors", "stack"];
    const record = error as Record<string, unknown>;
    return this.record(keys, (k, room) => this.property(record, k, depth, room, true), budget);
  }

  private map(map: object, size: number, depth: number, budget: number): Encoded {
    const entries = mapEntriesOf(map);
    const encodePair = (_: number, room: number): Encoded => {
      const next = entries.next();
      const pair = next.done === true ? [undefined, undefined] : next.value;
      // A [key, value] pair is ours: maxArrayLength does not apply to it.
      return this.array(2, (i, pairRoom) => this.encode(pair[i], depth, pairRoom, String(i)), room, 2);
    };
    return this.record(
      ["$type", "entries"],
      (k, room) => (k === "$type" ? this.text("Map", room) : this.array(size, encodePair, room)),
      budget,
      2, // the envelope is ours: maxObjectKeys does not apply to it
    );
  }

  /**
   * Writes `[item, …]` for the first items of a sequence of `total`, stopping
   * when the count limit or the byte budget is reached and then appending the
   * note. Room for the note and the closing bracket is reserved up front, so
   * every item is encoded exactly once.
   */
  private array(total: number, encodeItem: ItemEncoder, budget: number, maxItems = this.limits.maxArrayLength): Encoded {
    const shown = Math.min(total, maxItems);
    const noteBytes = truncationNoteBytes(total, "items");
    if (budget < 2 + (total > 0 ? noteBytes : 0)) return total === 0 ? this.fixed([], 2, budget) : NO_FIT;
    const out: JsonValue[] = [];
    let used = 1;
    for (let i = 0; i < shown; i++) {
      const comma = i > 0 ? 1 : 0;
      const reserve = shown < total || i < shown - 1 ? 1 + noteBytes : 0;
      const room = budget - used - comma - 1 - reserve;
      const item = room > 0 ? encodeItem(i, room) : NO_FIT;
      if (item === NO_FIT) break;
      out.push(item === OMIT ? null : item);
      used += comma + (item === OMIT ? 4 : this.bytes);
    }
    if (out.length < total) {
      used += (out.length > 0 ? 1 : 0) + noteBytes;
      out.push(truncationNote(total, "items"));
    }
    this.bytes = used + 1;
    return out;
  }

  /** Writes `{key: value, …}` for the first of `keys`, like `array` but with the note under TRUNCATED_KEY. */
  private record(
    keys: readonly string[],
    encodeValue: PropertyEncoder,
    budget: number,
    maxKeys = this.limits.maxObjectKeys,
  ): Encoded {
    const total = keys.length;
    const shown = Math.min(total, maxKeys);
    const noteBytes = TRUNCATED_KEY_BYTES + 1 + truncationNoteBytes(total, "keys");
    if (budget < 2 + (total > 0 ? noteBytes : 0)) return total === 0 ? this.fixed({}, 2, budget) : NO_FIT;
    const out: { [key: string]: JsonValue } = {};
    let used = 1; // "{" plus written pairs and their commas
    let written = 0;
    let ownNoteBytes = 0; // size of a user pair keyed TRUNCATED_KEY, so the note can replace it exactly
    let cut = shown < total;
    for (let i = 0; i < shown; i++) {
      // An infinite budget always fits; keys are only cut at maxStringLength.
      const key = fitString(keys[i] as string, this.limits.maxStringLength, Number.POSITIVE_INFINITY) as FittedString;
      if (Object.hasOwn(out, key.text)) continue; // two long keys cut to the same text: the first wins
      const comma = written > 0 ? 1 : 0;
      const reserve = cut || i < shown - 1 ? 1 + noteBytes : 0;
      const room = budget - used - comma - key.bytes - 1 - 1 - reserve;
      const value = room > 0 ? encodeValue(keys[i] as string, room) : NO_FIT;
      if (value === NO_FIT) {
        cut = true;
        break;
      }
      if (value === OMIT) continue;
      setOwn(out, key.text, value);
      if (key.text === TRUNCATED_KEY) ownNoteBytes = key.bytes + 1 + this.bytes;
      used += comma + key.bytes + 1 + this.bytes;
      written += 1;
    }
    if (cut) {
      if (ownNoteBytes > 0) {
        // The value had a key named like our note: the note replaces it.
        delete out[TRUNCATED_KEY];
        used -= ownNoteBytes + (written > 1 ? 1 : 0);
        written -= 1;
      }
      setOwn(out, TRUNCATED_KEY, truncationNote(total, "keys"));
      used += (written > 0 ? 1 : 0) + noteBytes;
    }
    this.bytes = used + 1;
    return out;
  }
}

/** Defines rather than assigns, so a "__proto__" key stays data instead of replacing the prototype. */
function setOwn(target: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

export interface SizedJsonValue {
  value: JsonValue;
  /** Exact UTF-8 size of `JSON.stringify(value)`. */
  bytes: number;
}

/** The smallest stand-in when nothing else fits, or when the walk itself failed. */
function fallback(marker: string, maxBytes: number): SizedJsonValue {
  const bytes = jsonStringBytes(marker);
  return bytes <= maxBytes ? { value: marker, bytes } : { value: null, bytes: 4 };
}

/** `toSafeValue` plus the byte size of its JSON text, so callers need not stringify to measure. Never throws. */
export function toSizedSafeValue(value: unknown, options?: SafeValueOptions): SizedJsonValue {
  let maxBytes = DEFAULT_SAFE_VALUE_OPTIONS.maxFieldBytes;
  try {
    const limits = resolveLimits(options);
    maxBytes = limits.maxFieldBytes;
    const walker = new SafeValueWalker(limits);
    const encoded = walker.encode(value, 0, maxBytes, "");
    return encoded === NO_FIT ? fallback("…[truncated]", maxBytes) : { value: encoded, bytes: walker.bytes };
  } catch {
    // Only reachable through a bug or an exhausted stack; the contract is "never throws".
    return fallback("[Unserializable]", maxBytes);
  }
}

/** A JSON-safe deep copy of any value, within the limits of `options`. Never throws. */
export function toSafeValue(value: unknown, options?: SafeValueOptions): JsonValue {
  return toSizedSafeValue(value, options).value;
}
