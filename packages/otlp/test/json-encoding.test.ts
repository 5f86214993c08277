// OTLP/JSON (opentelemetry-proto docs/specification.md, "JSON Protobuf
// Encoding"): hex ids (not base64), integer enums, 64-bit integers as decimal
// strings, lowerCamelCase keys, and the same data as the protobuf request.
import { describe, expect, it } from "vitest";
import { DEFAULT_ATTRIBUTE_MAPPERS, encodeTraceRequest, encodeTraceRequestJson } from "../src/index.js";
import { GENERATE, HELPFUL, nanos, RAG_SPANS, RELEVANCE, ROOT, SEARCH, span, VERDICT } from "./fixtures.js";
import { decodeRequest } from "./otlp-proto.js";

const input = { spans: RAG_SPANS, scores: [RELEVANCE, HELPFUL, VERDICT] };
const json = JSON.parse(new TextDecoder().decode(encodeTraceRequestJson(input).body));
const spans: any[] = json.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans));

/** Every key of every object in the tree. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

/** The JSON request in the shape protobufjs' toObject gives the decoded protobuf (for a field-by-field comparison). */
function asDecoded(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => asDecoded(v));
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([k]) => k !== "flags") // Span.flags postdates the definitions otlp-transformer 0.57 ships
      .filter(([, v]) => !(Array.isArray(v) && v.length === 0)) // an empty repeated field is simply absent
      .map(([k, v]) => [k, asDecoded(v, k)]);
    return Object.fromEntries(entries);
  }
  return key === "doubleValue" && typeof value === "string" ? Number(value) : value;
}

describe("OTLP/JSON encoding", () => {
  it("writes ids as lowercase hex, never base64", () => {
    const root = spans.find((s) => s.name === "rag-query");
    expect(root.traceId).toBe(ROOT.traceId);
    expect(root.spanId).toBe(ROOT.spanId);
    expect(root.parentSpanId).toBe(ROOT.parentSpanId);
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      for (const link of span.links ?? []) expect(link.traceId).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("writes enums as integers and 64-bit integers as decimal strings", () => {
    const generate = spans.find((s) => s.spanId === GENERATE.spanId);
    expect(generate.kind).toBe(3);
    expect(generate.status).toEqual({ code: 1 });
    expect(spans.find((s) => s.spanId === SEARCH.spanId).status).toEqual({ code: 2, message: "search timed out" });
    expect(generate.startTimeUnixNano).toBe(nanos(GENERATE.startTime));
    expect(generate.endTimeUnixNano).toBe("1700000001480375000");
    expect(generate.events[0].timeUnixNano).toBe(nanos(GENERATE.startTime + 200));
    expect(generate.flags).toBe(0x101);
    const tokens = generate.attributes.find((a: any) => a.key === "gen_ai.usage.input_tokens");
    expect(tokens.value).toEqual({ intValue: "812" });
    const temperature = generate.attributes.find((a: any) => a.key === "gen_ai.request.temperature");
    expect(temperature.value).toEqual({ doubleValue: 0.2 });
    const cached = generate.attributes.find((a: any) => a.key === "app.cached");
    expect(cached.value).toEqual({ boolValue: false });
    const stops = generate.attributes.find((a: any) => a.key === "gen_ai.request.stop_sequences");
    expect(stops.value).toEqual({ arrayValue: { values: [{ stringValue: "\n\n" }] } });
  });

  it("uses only the lowerCamelCase names of the proto fields", () => {
    const allowed = new Set([
      "resourceSpans", "resource", "attributes", "key", "value", "scopeSpans", "scope", "name", "version", "spans",
      "traceId", "spanId", "parentSpanId", "flags", "kind", "startTimeUnixNano", "endTimeUnixNano", "events",
      "timeUnixNano", "links", "status", "code", "message", "stringValue", "boolValue", "intValue", "doubleValue",
      "arrayValue", "values",
    ]);
    const attributeKeys = new Set(spans.flatMap((s) => [...s.attributes, ...(s.events ?? []).flatMap((e: any) => e.attributes ?? [])].map((a: any) => a.key)));
    const structural = [...keysOf(json)].filter((k) => !attributeKeys.has(k));
    expect(structural.filter((k) => !allowed.has(k))).toEqual([]);
  });

  it("carries exactly what the protobuf request carries", () => {
    const fromProtobuf = decodeRequest(encodeTraceRequest(input).body);
    expect(asDecoded(json)).toEqual(asDecoded(fromProtobuf));
  });

  it("writes content as JSON text in its string value, also content that is not plain data, exactly as protobuf carries it", () => {
    // Spans handed to the encoder directly (not through a hub) may hold anything: JSON.stringify decides.
    const odd = {
      ...SEARCH,
      input: { when: new Date(Date.UTC(2026, 0, 2)), custom: { toJSON: () => "custom" }, text: 'say "hi"\n\u0000 😀 \ud800' },
      output: { nested: [{ a: [1, "two", null] }], skipped: undefined },
    };
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic["self"] = cyclic;
    const broken = { ...GENERATE, spanId: "00000000000000c9", modelParameters: cyclic };
    const batch = { spans: [odd, broken] };
    const body = JSON.parse(new TextDecoder().decode(encodeTraceRequestJson(batch).body));
    const encoded: any[] = body.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans));
    const attributesOf = (name: string): Record<string, any> =>
      Object.fromEntries(encoded.find((s) => s.name === name).attributes.map((a: any) => [a.key, a.value]));
    expect(attributesOf("web_search")["input.value"]).toEqual({ stringValue: JSON.stringify(odd.input) });
    expect(attributesOf("web_search")["gen_ai.tool.call.arguments"]).toEqual({ stringValue: JSON.stringify(odd.input) });
    expect(attributesOf("web_search")["output.value"]).toEqual({ stringValue: JSON.stringify(odd.output) });
    // Parameters with no JSON text (a cycle) add no attribute; the span keeps the rest.
    expect(attributesOf("generate")["llm.invocation_parameters"]).toBeUndefined();
    expect(attributesOf("generate")["gen_ai.usage.input_tokens"]).toEqual({ intValue: "812" });
    expect(asDecoded(body)).toEqual(asDecoded(decodeRequest(encodeTraceRequest(batch).body)));
    // …and leaves that key to a later mapper.
    const later = { attributeMappers: [...DEFAULT_ATTRIBUTE_MAPPERS, (_s: unknown, add: (k: string, v: string) => void) => add("llm.invocation_parameters", "unavailable")] };
    const fromJson = JSON.parse(new TextDecoder().decode(encodeTraceRequestJson(batch, later).body));
    const fromProtobuf = decodeRequest(encodeTraceRequest(batch, later).body);
    for (const request of [fromJson, fromProtobuf]) {
      const generate = request.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans)).find((s: any) => s.name === "generate");
      expect(generate.attributes.find((a: any) => a.key === "llm.invocation_parameters").value).toEqual({ stringValue: "unavailable" });
    }
  });

  it("leaves out keys a polluted Object.prototype adds to every object, as JSON.stringify does", () => {
    const tool = { ...SEARCH, input: { query: "retries", nested: [{ k: 1 }] }, output: { hits: 2 } };
    const contentOf = (): unknown[] => {
      const body = JSON.parse(new TextDecoder().decode(encodeTraceRequestJson({ spans: [tool] }).body));
      const attributes: any[] = body.resourceSpans[0].scopeSpans[0].spans[0].attributes;
      return ["input.value", "output.value"].map((key) => attributes.find((a) => a.key === key)?.value.stringValue);
    };
    const expected = [JSON.stringify(tool.input), JSON.stringify(tool.output)];
    expect(contentOf()).toEqual(expected);
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto["polluted"] = "inherited, enumerable";
      expect(contentOf()).toEqual(expected);
    } finally {
      delete proto["polluted"];
    }
    expect(contentOf()).toEqual(expected);
  });

  it("writes a value repeated across spans (copied from its first writing) exactly as the first, in every request", () => {
    // Many spans, a few values each key repeats, and a key whose value changes back and forth;
    // the buffer starts small and grows, and a second request must not copy from the first.
    const many = Array.from({ length: 40 }, (_, i) =>
      span(`00000000000001${i.toString(16).padStart(2, "0")}`, {
        attributes: { model: i % 3 === 0 ? "gpt-4o" : "gpt-4o-mini", session: "s-7", flip: i % 2 === 0 ? "even" : "odd", n: i, "é\"k": 'v "é"' },
      }),
    );
    const own = { attributeMappers: [(s: (typeof many)[number], add: (k: string, v: unknown) => void) => { for (const k in s.attributes) add(k, s.attributes[k]); }] };
    for (const request of [many, many.slice(5), many]) {
      const parsed = JSON.parse(new TextDecoder().decode(encodeTraceRequestJson({ spans: request }, own as never).body));
      const written = parsed.resourceSpans[0].scopeSpans[0].spans.map((s: any) =>
        Object.fromEntries(s.attributes.map((a: any) => [a.key, a.value.stringValue ?? Number(a.value.intValue)])),
      );
      expect(written).toEqual(request.map((s) => s.attributes));
    }
  });

  it("escapes text as JSON does, keeps every character, and spells non-finite doubles as strings", () => {
    const tricky = 'quote " backslash \\ newline \n tab \t nul \u0000 bell \u0007 é 中 😀 lone \ud800 end';
    const long = `${tricky} ${"x".repeat(200)} ${tricky}`;
    const span = { ...ROOT, attributes: { short: tricky, long, nan: Number.NaN, inf: Number.POSITIVE_INFINITY, ninf: -Infinity, big: 2 ** 60, neg: -5 } };
    const parsed = JSON.parse(new TextDecoder().decode(encodeTraceRequestJson({ spans: [span] }, { attributeMappers: [(s, add) => { for (const k in s.attributes) add(k, s.attributes[k]); }] }).body));
    const attributes = Object.fromEntries(parsed.resourceSpans[0].scopeSpans[0].spans[0].attributes.map((a: any) => [a.key, a.value]));
    expect(attributes.short).toEqual({ stringValue: tricky });
    expect(attributes.long).toEqual({ stringValue: long });
    expect(attributes.nan).toEqual({ doubleValue: "NaN" });
    expect(attributes.inf).toEqual({ doubleValue: "Infinity" });
    expect(attributes.ninf).toEqual({ doubleValue: "-Infinity" });
    // 2^60 is past 2^53: not a safe integer, so it travels as a double.
    expect(attributes.big).toEqual({ doubleValue: 2 ** 60 });
    expect(attributes.neg).toEqual({ intValue: "-5" });
  });
});
