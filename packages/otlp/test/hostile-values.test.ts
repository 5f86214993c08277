// Values a span can carry that core does not check (event and link
// attributes, rate limits, prompt fields, times) or that mappers derive from
// them: each must cost at most that attribute, never the request, and never
// produce something a collector refuses. Found by the conformance fuzz suite.
import { describe, expect, it } from "vitest";
import { DEFAULT_ATTRIBUTE_MAPPERS, encodeTraceRequest, encodeTraceRequestJson, type SpanAttributeMapper } from "../src/index.js";
import { LINKED_TRACE_ID, span } from "./fixtures.js";
import { attributeMap, decodeRequest, decodedSpans } from "./otlp-proto.js";

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** The one span of an encoded request, decoded. */
function onlySpan(body: Uint8Array): any {
  const [first] = decodedSpans(decodeRequest(body));
  if (first === undefined) throw new Error("no span in the request");
  return first.span;
}

const hostileSpan = span("00f067aa0ba902b7", {
  attributes: { "": "empty key", mixed: [5e-324, 0], ints: [1, 2] },
  events: [{ name: "e", time: 1_700_000_000_100, attributes: { ok: "v", obj: { a: 1 }, nested: [[1]], mixedArray: [1, "a"], "": 1 } as never }],
  links: [{ traceId: LINKED_TRACE_ID, spanId: "b7ad6b7169203331", attributes: revoked() as never }],
  rateLimit: { requests: { limit: {} as never, resetAt: 1e300 } },
  prompt: { name: "p", version: Object.create(null) as never },
});

describe("hostile span values", () => {
  it("drop only the attributes OTLP cannot carry, and keep number arrays of one type", () => {
    const encoded = encodeTraceRequest({ spans: [hostileSpan] });
    expect(encoded.spanCount).toBe(1);
    const decoded = onlySpan(encoded.body);
    const attributes = decoded.attributes.map((kv: any) => kv.key);
    expect(attributes).not.toContain("");
    const mixed = decoded.attributes.find((kv: any) => kv.key === "mixed").value.arrayValue.values;
    expect(mixed).toEqual([{ doubleValue: 5e-324 }, { doubleValue: 0 }]);
    const ints = decoded.attributes.find((kv: any) => kv.key === "ints").value.arrayValue.values;
    expect(ints).toEqual([{ intValue: "1" }, { intValue: "2" }]);
    expect(attributeMap(decoded.events[0].attributes)).toEqual({ ok: "v" });
    expect(decoded.links).toHaveLength(1);
    expect(decoded.links[0].attributes ?? []).toEqual([]);
    expect(attributes).not.toContain("tracehub.rate_limit.requests.reset_at");
  });

  it("clamp times past uint64 nanoseconds instead of wrapping them, in protobuf and JSON", () => {
    const far = span("00f067aa0ba902b8", { startTime: 1e300, endTime: 1e300, events: [{ name: "e", time: 1e21 }] });
    const decoded = onlySpan(encodeTraceRequest({ spans: [far] }).body);
    expect(decoded.startTimeUnixNano).toBe("18446744073709000000");
    expect(BigInt(decoded.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(decoded.startTimeUnixNano));
    const json = JSON.parse(new TextDecoder().decode(encodeTraceRequestJson({ spans: [far] }).body));
    const jsonSpan = json.resourceSpans[0].scopeSpans[0].spans[0];
    expect(jsonSpan.startTimeUnixNano).toBe("18446744073709000000");
    expect(jsonSpan.events[0].timeUnixNano).toMatch(/^\d+$/);
  });

  it("keep encoding when a mapper throws: the other mappers still run", () => {
    const throwing: SpanAttributeMapper = (_span, add) => {
      add("before", "kept");
      throw new Error("mapper bug");
    };
    const encoded = encodeTraceRequest({ spans: [hostileSpan] }, { attributeMappers: [throwing, ...DEFAULT_ATTRIBUTE_MAPPERS] });
    const decoded = onlySpan(encoded.body);
    const attributes = attributeMap(decoded.attributes.filter((kv: any) => kv.key !== "mixed" && kv.key !== "ints"));
    expect(attributes["before"]).toBe("kept");
    expect(attributes["tracehub.span.kind"]).toBe("span");
  });
});
