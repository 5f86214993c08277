// Reads untrusted values for the safe-value walker without ever throwing, and
// recognises built-in objects. The `Object.prototype.toString` tag only picks
// a candidate; a brand check (an intrinsic getter or method that works on the
// real thing only) confirms it, so a spoofed Symbol.toStringTag or a Proxy
// cannot pass for a built-in. Promises and errors have no side-effect-free
// brand check and fall back to `instanceof`, guarded against throwing traps.
//
// Intrinsics are captured at load time so later monkey-patching cannot
// redirect them.

type Getter = (this: unknown) => unknown;
type Method = (this: unknown, ...args: unknown[]) => unknown;

function getterOf(prototype: object | undefined, key: PropertyKey): Getter | undefined {
  if (prototype === undefined) return undefined;
  return Object.getOwnPropertyDescriptor(prototype, key)?.get as Getter | undefined;
}

/** Calls an intrinsic on `value`; `undefined` when it throws (i.e. `value` lacks the brand). */
function brand(intrinsic: Getter | Method | undefined, value: object, ...args: unknown[]): { result: unknown } | undefined {
  if (intrinsic === undefined) return undefined;
  try {
    return { result: intrinsic.apply(value, args) };
  } catch {
    return undefined;
  }
}

const globals = globalThis as {
  Buffer?: { isBuffer?: (value: unknown) => boolean };
  SharedArrayBuffer?: { prototype: object };
  URL?: { prototype: object };
  URLSearchParams?: { prototype: { toString: Method } };
  WeakRef?: { prototype: { deref: Method } };
};

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = getterOf(typedArrayPrototype, Symbol.toStringTag);
const typedArrayLength = getterOf(typedArrayPrototype, "length");
const typedArrayByteLength = getterOf(typedArrayPrototype, "byteLength");
const dataViewByteLength = getterOf(DataView.prototype, "byteLength");
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, "byteLength");
const sharedArrayBufferByteLength = getterOf(globals.SharedArrayBuffer?.prototype, "byteLength");
const isBuffer = globals.Buffer?.isBuffer;
const dateGetTime = Date.prototype.getTime as Method;
const dateToISOString = Date.prototype.toISOString as Method;
const regExpSource = getterOf(RegExp.prototype, "source");
const regExpToString = RegExp.prototype.toString as Method;
const urlHref = getterOf(globals.URL?.prototype, "href");
const urlSearchParamsToString = globals.URLSearchParams?.prototype.toString;
const weakMapHas = WeakMap.prototype.has as Method;
const weakSetHas = WeakSet.prototype.has as Method;
const weakRefDeref = globals.WeakRef?.prototype.deref;
const mapSize = getterOf(Map.prototype, "size");
const setSize = getterOf(Set.prototype, "size");
const mapEntries = Map.prototype.entries as Method;
const setValues = Set.prototype.values as Method;
const objectToString = Object.prototype.toString as Method;

/**
 * How the walker should treat an object. A stand-in is what a built-in leaf
 * stands for: a primitive (boxed values, dates, URLs, markers such as
 * "[Promise]") encoded like any primitive, or a small JSON-ready marker object
 * for binary data.
 */
export type ObjectShape =
  | { kind: "standIn"; standIn: unknown }
  | { kind: "map"; size: number }
  | { kind: "set"; size: number }
  | { kind: "error" | "array" | "object" };

const ERROR_SHAPE: ObjectShape = Object.freeze({ kind: "error" });
const ARRAY_SHAPE: ObjectShape = Object.freeze({ kind: "array" });
const OBJECT_SHAPE: ObjectShape = Object.freeze({ kind: "object" });

function binaryShape(view: object): ObjectShape {
  const byteLength = brand(typedArrayByteLength, view)?.result;
  if (isBuffer !== undefined && brand(isBuffer as Method, globals.Buffer as object, view)?.result === true) {
    return { kind: "standIn", standIn: { $type: "Buffer", byteLength: byteLength ?? 0 } };
  }
  const type = brand(typedArrayTag, view)?.result;
  if (typeof type === "string") {
    const length = brand(typedArrayLength, view)?.result ?? 0;
    return { kind: "standIn", standIn: { $type: type, length, byteLength: byteLength ?? 0 } };
  }
  return { kind: "standIn", standIn: { $type: "DataView", byteLength: brand(dataViewByteLength, view)?.result ?? 0 } };
}

function standIn(check: Getter | Method | undefined, map: (result: unknown) => unknown, ...args: unknown[]) {
  return (value: object): ObjectShape | undefined => {
    const branded = brand(check, value, ...args);
    return branded === undefined ? undefined : { kind: "standIn", standIn: map(branded.result) };
  };
}

function dateShape(value: object): ObjectShape | undefined {
  const time = brand(dateGetTime, value);
  if (time === undefined) return undefined;
  // toISOString throws RangeError for an invalid date.
  return { kind: "standIn", standIn: brand(dateToISOString, value)?.result ?? "Invalid Date" };
}

function regExpShape(value: object): ObjectShape | undefined {
  if (brand(regExpSource, value) === undefined) return undefined;
  return { kind: "standIn", standIn: brand(regExpToString, value)?.result ?? "[RegExp]" };
}

const same = (result: unknown): unknown => result;
const constant = (marker: string) => (): unknown => marker;
const sized = (kind: "map" | "set", getter: Getter | undefined) => (value: object): ObjectShape | undefined => {
  const size = brand(getter, value)?.result;
  return typeof size === "number" ? { kind, size } : undefined;
};

/**
 * Shape by `Object.prototype.toString` tag. The tag alone can be spoofed with
 * Symbol.toStringTag, so each entry confirms it with a brand check; the tag
 * only picks which single check to run, which keeps plain objects free of the
 * cost of a dozen failing (throwing) checks.
 */
const SHAPE_BY_TAG = new Map<string, (value: object) => ObjectShape | undefined>([
  ["[object Number]", standIn(Number.prototype.valueOf as Method, same)],
  ["[object String]", standIn(String.prototype.valueOf as Method, same)],
  ["[object Boolean]", standIn(Boolean.prototype.valueOf as Method, same)],
  ["[object BigInt]", standIn(BigInt.prototype.valueOf as Method, same)],
  ["[object Symbol]", standIn(Symbol.prototype.valueOf as Method, same)],
  ["[object Date]", dateShape],
  ["[object RegExp]", regExpShape],
  ["[object URL]", standIn(urlHref, same)],
  ["[object URLSearchParams]", standIn(urlSearchParamsToString, same)],
  ["[object ArrayBuffer]", standIn(arrayBufferByteLength, (byteLength) => ({ $type: "ArrayBuffer", byteLength }))],
  [
    "[object SharedArrayBuffer]",
    standIn(sharedArrayBufferByteLength, (byteLength) => ({ $type: "SharedArrayBuffer", byteLength })),
  ],
  ["[object WeakMap]", standIn(weakMapHas, constant("[WeakMap]"), {})],
  ["[object WeakSet]", standIn(weakSetHas, constant("[WeakSet]"), {})],
  ["[object WeakRef]", standIn(weakRefDeref, constant("[WeakRef]"))],
  ["[object Map]", sized("map", mapSize)],
  ["[object Set]", sized("set", setSize)],
]);

function isPromise(value: object): boolean {
  // No side-effect-free brand check exists for promises (`then` subscribes).
  try {
    return value instanceof Promise;
  } catch {
    return false; // a Proxy whose getPrototypeOf trap throws
  }
}

/**
 * Classifies an object for the walker. May throw only for a revoked Proxy
 * (`Array.isArray` does), which the walker turns into a marker.
 */
export function classifyObject(value: object): ObjectShape {
  if (ArrayBuffer.isView(value)) return binaryShape(value);
  if (Array.isArray(value)) return ARRAY_SHAPE;
  const tag = brand(objectToString, value)?.result;
  if (typeof tag !== "string") return OBJECT_SHAPE; // a Proxy whose get trap threw on Symbol.toStringTag
  const byTag = SHAPE_BY_TAG.get(tag)?.(value);
  if (byTag !== undefined) return byTag;
  if (tag === "[object Promise]" && isPromise(value)) return { kind: "standIn", standIn: "[Promise]" };
  return tag === "[object Error]" || isError(value) ? ERROR_SHAPE : OBJECT_SHAPE;
}

/** Entry iterator of a value already known to be a Map; uses the intrinsic, not an overridable method. */
export function mapEntriesOf(map: object): Iterator<[unknown, unknown]> {
  return mapEntries.call(map) as Iterator<[unknown, unknown]>;
}

/** Value iterator of a value already known to be a Set. */
export function setValuesOf(set: object): Iterator<unknown> {
  return setValues.call(set) as Iterator<unknown>;
}

/** Errors of this realm (other realms are recognised by their tag in classifyObject); never throws. */
function isError(value: object): boolean {
  try {
    return value instanceof Error;
  } catch {
    return false; // a Proxy whose getPrototypeOf trap throws
  }
}

/** `[Function name]`, or `[Function (anonymous)]`. */
export function describeFunction(fn: unknown): string {
  try {
    const name = (fn as { name?: unknown }).name;
    if (typeof name === "string" && name !== "") return `[Function ${name}]`;
  } catch {
    // A throwing `name` getter or Proxy trap: treat as anonymous.
  }
  return "[Function (anonymous)]";
}

/** `[Thrown: message]` for a value caught while reading user data. */
export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return `[Thrown: ${String(error.message)}]`;
  } catch {
    // The thrown value is itself hostile; try plain conversion next.
  }
  try {
    return `[Thrown: ${String(error)}]`;
  } catch {
    return "[Thrown]";
  }
}

/** Result of a working toJSON; `undefined` when there is none, it throws, or it returns the object itself. */
export function callToJSON(value: object, key: string): { result: unknown } | undefined {
  try {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON !== "function") return undefined;
    const result: unknown = toJSON.call(value, key);
    return result === value ? undefined : { result };
  } catch {
    return undefined;
  }
}

/** An array length a Proxy may have lied about, clamped to what an array can hold. */
export function toLength(raw: unknown): number {
  const length = typeof raw === "number" ? Math.floor(raw) : 0;
  return Number.isFinite(length) && length > 0 ? Math.min(length, 2 ** 32 - 1) : 0;
}
