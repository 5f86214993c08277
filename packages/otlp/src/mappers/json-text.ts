// JSON text for attribute values. Span payloads are already JSON-safe (core's
// finaliser made them so), so plain JSON.stringify cannot throw on cycles;
// the guard is for values that did not pass through the hub.
//
// Mappers serialise the same object more than once per request: tool
// arguments for GenAI and again as OpenInference input.value, and the trace
// metadata object every span of a scope shares. A few recent results are
// remembered by identity while one request is encoded (nothing can change
// during that synchronous walk); the encoder forgets them afterwards.

const SLOTS = 8;
const values: unknown[] = new Array<unknown>(SLOTS).fill(undefined);
const texts: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
let next = 0;
let remembering = false;

export function jsonText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const memo = remembering && typeof value === "object" && value !== null;
  if (memo) {
    for (let i = 0; i < SLOTS; i++) if (values[i] === value) return texts[i];
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (memo) {
    values[next] = value;
    texts[next] = text;
    next = (next + 1) % SLOTS;
  }
  return text;
}

/** Strings stay as they are; anything else becomes JSON text. */
export function textOrJson(value: unknown): string | undefined {
  return typeof value === "string" ? value : jsonText(value);
}

/** Remember results from now on (the encoder calls this when a request starts), or stop and forget them. */
export function rememberJsonText(on: boolean): void {
  remembering = on;
  values.fill(undefined);
  texts.fill(undefined);
  next = 0;
}
