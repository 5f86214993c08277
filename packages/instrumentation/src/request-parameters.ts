// The vendor-neutral part of turning a request body into model parameters and
// `gen_ai.request.*` attributes. Which keys are parameters, and how tool
// choice or response formats read, is each vendor's own mapping.
import type { Attributes } from "@tracehub/core";

export type RequestBody = Record<string, unknown>;

function isPrimitive(value: unknown): boolean {
  const type = typeof value;
  return type === "string" || type === "number" || type === "boolean";
}

/** The allowlisted keys of the body whose values are primitives or arrays of primitives (never content). */
export function scalarParameters(body: RequestBody, keys: readonly string[]): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const key of keys) {
    const value = body[key];
    if (isPrimitive(value) || (Array.isArray(value) && value.every(isPrimitive))) parameters[key] = value;
  }
  return parameters;
}

/** `gen_ai.request.model` and each numeric setting given as [attribute, value] (non-numbers are skipped). */
export function modelAndNumericAttributes(body: RequestBody, numeric: [attribute: string, value: unknown][]): Attributes {
  const attributes: Attributes = {};
  if (typeof body.model === "string") attributes["gen_ai.request.model"] = body.model;
  for (const [key, value] of numeric) if (typeof value === "number") attributes[key] = value;
  return attributes;
}
