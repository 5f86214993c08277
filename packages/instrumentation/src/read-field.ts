// Reading vendor JSON (request bodies, responses, stream chunks) whose shape
// is not guaranteed: a missing or non-object level reads as undefined.

/** `value[key]` when value is an object, else undefined. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

/** The value when it is an array, else an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
