// What every response says about itself (id, served model, finish reasons,
// usage) written to the span, shared by non-streamed and streamed calls.
import type { SpanHandle } from "@tracehub/core";
import { field, list } from "@tracehub/instrumentation";
import { toUsage } from "./openai-usage.js";

export interface ResponseMeta {
  id?: unknown;
  model?: unknown;
  finishReasons?: (string | undefined)[];
  usage?: unknown;
  systemFingerprint?: unknown;
}

/** A finish reason that means the provider filtered the output: recorded as a content_filter error. */
const FILTERED = new Set(["content_filter"]);

export function recordResponseMeta(span: SpanHandle, meta: ResponseMeta): void {
  if (typeof meta.id === "string" && meta.id !== "") span.setAttribute("gen_ai.response.id", meta.id);
  if (typeof meta.model === "string" && meta.model !== "") {
    span.setModel(meta.model);
    span.setAttribute("gen_ai.response.model", meta.model);
  }
  if (typeof meta.systemFingerprint === "string") span.setAttribute("openai.response.system_fingerprint", meta.systemFingerprint);
  const reasons = (meta.finishReasons ?? []).filter((reason): reason is string => typeof reason === "string");
  if (reasons.length > 0) span.setAttribute("gen_ai.response.finish_reasons", reasons);
  const usage = toUsage(meta.usage);
  if (usage !== undefined) span.setUsage(usage);
  const filtered = reasons.find((reason) => FILTERED.has(reason));
  if (filtered !== undefined) {
    span.recordError({ name: "ContentFilter", message: `the provider filtered the output (finish reason ${filtered})` }, "content_filter");
  }
}

/**
 * A non-streamed `choices` response (chat or legacy completions): its meta, and
 * each choice's content (`pick`) as the output, one choice as itself.
 */
export function recordChoicesResponse(span: SpanHandle, data: unknown, captureContent: boolean, pick: (choice: unknown) => unknown): void {
  const choices = list(field(data, "choices"));
  recordResponseMeta(span, {
    id: field(data, "id"),
    model: field(data, "model"),
    usage: field(data, "usage"),
    systemFingerprint: field(data, "system_fingerprint"),
    finishReasons: choices.map((choice) => field(choice, "finish_reason") as string | undefined),
  });
  if (captureContent && choices.length > 0) {
    const outputs = choices.map(pick);
    span.setOutput(outputs.length === 1 ? outputs[0] : outputs);
  }
}
