// The keyed path the built-in mappers take inside the encoder (FixedKeys found
// by slot, not by string) must behave exactly like the public string path:
// exported mappers still hand plain strings to a caller's add function, and a
// key deduplicates alike whichever path adds it first.
import type { ReadonlySpan } from "@tracehub/core";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_ATTRIBUTE_MAPPERS,
  encodeTraceRequest,
  encodeTraceRequestJson,
  genAiAttributes,
  openInferenceAttributes,
  tracehubAttributes,
  type SpanAttributeMapper,
} from "../src/index.js";
import { AttributeKeys } from "../src/encode/attribute-keys.js";
import { FixedKey } from "../src/mappers/fixed-keys.js";
import { GENERATE, RAG_SPANS, RETRIEVE, span } from "./fixtures.js";
import { attributeMap, decodedSpans, decodeRequest } from "./otlp-proto.js";

/** What the public, string-keyed form of each mapper adds, in order. */
function publicAdds(mapper: SpanAttributeMapper, s: ReadonlySpan): [unknown, unknown][] {
  const adds: [unknown, unknown][] = [];
  mapper(s, (key, value) => adds.push([key, value]));
  return adds;
}

function encodedAttributes(mappers: readonly SpanAttributeMapper[], s: ReadonlySpan): { key: string; value: unknown }[] {
  const [decoded] = decodedSpans(decodeRequest(encodeTraceRequest({ spans: [s] }, { attributeMappers: mappers }).body));
  return decoded?.span.attributes ?? [];
}

describe("fixed attribute keys", () => {
  it("reach a caller's own add function as plain strings", () => {
    for (const mapper of [genAiAttributes, openInferenceAttributes, tracehubAttributes]) {
      for (const s of RAG_SPANS) {
        for (const [key] of publicAdds(mapper, s)) expect(typeof key).toBe("string");
      }
    }
    expect(publicAdds(openInferenceAttributes, RETRIEVE).map(([k]) => k)).toContain("retrieval.documents.0.document.content");
  });

  it("encode the same attributes, in the same order, as the string path", () => {
    // A mapper that replays the public string form: the same data, through claim(string).
    const replay: SpanAttributeMapper = (s, add) => {
      for (const mapper of DEFAULT_ATTRIBUTE_MAPPERS) mapper(s, (key, value) => add(key, value));
    };
    for (const s of RAG_SPANS) {
      expect(encodedAttributes(DEFAULT_ATTRIBUTE_MAPPERS, s)).toEqual(encodedAttributes([replay], s));
    }
    const json = (mappers: readonly SpanAttributeMapper[]) => Buffer.from(encodeTraceRequestJson({ spans: RAG_SPANS }, { attributeMappers: mappers }).body).toString();
    expect(json(DEFAULT_ATTRIBUTE_MAPPERS)).toBe(json([replay]));
  });

  it("deduplicate against string keys: whichever path adds a key first wins", () => {
    const s = span(GENERATE.spanId, { ...GENERATE, attributes: { "gen_ai.request.model": "from-user", "llm.model_name": "also-user" } });
    const list = encodedAttributes(DEFAULT_ATTRIBUTE_MAPPERS, s);
    const counts = new Map<string, number>();
    for (const { key } of list) counts.set(key, (counts.get(key) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    const attributes = attributeMap(list as never);
    expect(attributes["gen_ai.request.model"]).toBe("from-user");
    expect(attributes["llm.model_name"]).toBe("also-user");

    // A string key added after the mapper's fixed key loses too.
    const late: SpanAttributeMapper = (_s, add) => add("gen_ai.operation.name", "late");
    expect(attributeMap(encodedAttributes([...DEFAULT_ATTRIBUTE_MAPPERS, late], GENERATE) as never)["gen_ai.operation.name"]).toBe("chat");
  });

  it("share one entry per name in the key table, once per span", () => {
    const keys = new AttributeKeys();
    const fixed = new FixedKey("test.fixed.key");
    keys.nextSpan();
    const first = keys.claimFixed(fixed);
    expect(first?.key).toBe("test.fixed.key");
    expect(keys.claim("test.fixed.key")).toBeUndefined();
    expect(keys.claimFixed(fixed)).toBeUndefined();
    keys.nextSpan();
    expect(keys.claim("test.fixed.key")).toBe(first);
    expect(keys.claimFixed(fixed)).toBeUndefined();
  });

  it("deduplicate against a string key claimed while the table was full", () => {
    const keys = new AttributeKeys();
    keys.nextSpan();
    for (let i = 0; i < 8192; i++) keys.claim(`dynamic.${i}`);
    keys.nextSpan();
    expect(keys.claim("test.overflow.key")).toBeDefined(); // past the cap: not cached
    expect(keys.claimFixed(new FixedKey("test.overflow.key"))).toBeUndefined();
  });
});
