// OTLP encoding of 512 spans, protobuf and JSON: @tracehub/otlp (its own
// encoder, GenAI + OpenInference mapping included in the timed work) vs
// @opentelemetry/otlp-transformer 0.57 encoding equivalent OpenTelemetry
// ReadableSpans, i.e. spans that already carry the very attributes, events,
// resource and scope that tracehub's mappers produce. Both outputs are decoded
// once with the official definitions to check that they hold the same data.
import { createRequire } from "node:module";
import { encodeTraceRequest, encodeTraceRequestJson, DEFAULT_ATTRIBUTE_MAPPERS } from "@tracehub/otlp";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { createHub, InMemoryAdapter } from "@tracehub/core";
import { compare } from "./measure.mjs";

const require = createRequire(import.meta.url);
const SPANS = 512;
const T0 = 1_700_000_000_000;

/**
 * Real tracehub spans (the hub's own span objects, finalised as adapters get
 * them), RAG-shaped: per group of four, a chain, a retriever, a tool and an LLM call.
 */
export async function tracehubSpans(count) {
  const memory = new InMemoryAdapter();
  const hub = await createHub({
    env: {},
    adapters: [memory],
    registerShutdownHooks: false,
    serviceName: "bench-svc",
    environment: "production",
    release: "1.4.2",
  });
  const context = { userId: "user-42", sessionId: "session-7", tags: ["prod", "beta"], metadata: { tenant: "acme" } };
  const root = hub.startTrace("rag-query", { kind: "chain", ...context, input: { question: "What about retries?" }, startTime: T0 });
  for (let i = 1; i < count; i++) {
    const start = T0 + i * 3.25;
    const common = { ...context, parent: root, startTime: start, attributes: { "app.request_id": `req-${i}`, "app.attempt": 1 } };
    let span;
    switch (i % 4) {
      case 0:
        span = hub.startSpan("plan", { ...common, kind: "chain", input: { question: `What about retries #${i}?` } });
        span.setOutput("See section 4.");
        break;
      case 1:
        span = hub.startSpan("retrieve", { ...common, kind: "retriever", input: `retries ${i}` });
        span.setOutput([
          { id: `doc-${i}-a`, pageContent: "Retries use exponential backoff with full jitter.", score: 0.91, metadata: { source: "guide.md" } },
          { id: `doc-${i}-b`, pageContent: "Retry-After is honoured in seconds or as an HTTP date.", score: 0.84, metadata: { source: "faq.md" } },
        ]);
        break;
      case 2:
        span = hub.startSpan("search_docs", { ...common, kind: "tool", input: { query: `retry ${i}`, limit: 5 } });
        span.setOutput({ hits: 2 });
        break;
      default:
        span = hub.startSpan("generate", {
          ...common,
          kind: "llm",
          model: "gpt-4o-mini",
          provider: "openai",
          modelParameters: { temperature: 0.2, max_tokens: 512 },
          input: [
            { role: "system", content: "You answer questions about the docs." },
            { role: "user", content: `What does section ${i} say about retries?` },
          ],
        });
        span.markFirstToken(start + 120.25);
        span.addEvent("rate_limit.wait", { "wait.ms": 40 }, start + 10.5);
        span.setUsage({ input: 812, output: 95, total: 907, cacheRead: 512, reasoning: 20 });
        span.setOutput({
          id: `chatcmpl-${i}`,
          model: "gpt-4o-mini-2024-07-18",
          choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Retries back off exponentially with full jitter." } }],
        });
    }
    span.setStatus("ok");
    span.end(start + 812.5);
  }
  root.setOutput("See section 4.");
  root.end(T0 + 2000);
  await hub.flush();
  await hub.shutdown();
  return memory.spans;
}

const hrTime = (ms) => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

/** OpenTelemetry ReadableSpans carrying what tracehub writes for each span. */
function equivalentReadableSpans(spans) {
  const resource = {
    attributes: {
      "telemetry.sdk.name": "tracehub",
      "telemetry.sdk.language": "nodejs",
      "telemetry.sdk.version": "0.1.0",
      "service.name": "bench-svc",
      "service.version": "1.4.2",
      "deployment.environment.name": "production",
    },
  };
  const scope = { name: "tracehub", version: "0.1.0" };
  return spans.map((span) => {
    const attributes = {};
    for (const mapper of DEFAULT_ATTRIBUTE_MAPPERS) {
      mapper(span, (key, value) => {
        if (value !== undefined && value !== null && !(key in attributes)) attributes[key] = value;
      });
    }
    return {
      name: span.name,
      kind: span.kind === "llm" || span.kind === "embedding" ? 2 : 0, // api CLIENT / INTERNAL
      spanContext: () => ({ traceId: span.traceId, spanId: span.spanId, traceFlags: 1 }),
      parentSpanId: span.parentSpanId,
      startTime: hrTime(span.startTime),
      endTime: hrTime(span.endTime),
      duration: hrTime(span.endTime - span.startTime),
      ended: true,
      status: { code: span.status === "ok" ? 1 : 0 },
      attributes,
      links: [],
      events: span.events.map((e) => ({ name: e.name, time: hrTime(e.time), attributes: e.attributes })),
      resource,
      instrumentationLibrary: scope,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  });
}

/** A mapper that replays the attributes the default mappers produced, computed once up front. */
function replayMapper(spans) {
  const recorded = new Map();
  for (const span of spans) {
    const list = [];
    const seen = new Set();
    for (const mapper of DEFAULT_ATTRIBUTE_MAPPERS) {
      mapper(span, (key, value) => {
        if (value === undefined || value === null || seen.has(key)) return;
        seen.add(key);
        list.push(key, value);
      });
    }
    recorded.set(span, list);
  }
  return (span, add) => {
    const list = recorded.get(span);
    for (let i = 0; i < list.length; i += 2) add(list[i], list[i + 1]);
  };
}

/** Attribute and event counts after decoding with the official definitions: both sides must match. */
function decodedShape(bytes) {
  const root = require("@opentelemetry/otlp-transformer/build/src/generated/root.js");
  const request = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.decode(bytes);
  const spans = request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  return {
    spans: spans.length,
    attributes: spans.reduce((n, s) => n + s.attributes.length, 0),
    events: spans.reduce((n, s) => n + s.events.length, 0),
  };
}

export async function otlpEncodeBenchmarks() {
  const spans = await tracehubSpans(SPANS);
  const readable = equivalentReadableSpans(spans);
  const ours = decodedShape(encodeTraceRequest({ spans }).body);
  const theirs = decodedShape(ProtobufTraceSerializer.serializeRequest(readable));
  const same = JSON.stringify(ours) === JSON.stringify(theirs);
  const shape = `${ours.spans} spans, ${ours.attributes} attributes, ${ours.events} events${same ? " on both sides" : `; PEER DIFFERS: ${JSON.stringify(theirs)}`}`;

  const rounds = { rounds: 30, opsPerRound: 10, warmupRounds: 10 };
  const [protoOurs, protoPeer] = await compare(
    [
      { name: "tracehub", round: (n) => { for (let i = 0; i < n; i++) encodeTraceRequest({ spans }); } },
      { name: "otlp-transformer protobuf", round: (n) => { for (let i = 0; i < n; i++) ProtobufTraceSerializer.serializeRequest(readable); } },
    ],
    rounds,
  );
  // A third contender: the same encoder fed what the peer's spans carry, the GenAI/OpenInference
  // attributes mapped beforehand with their content already JSON text (attributes replayed).
  const premapped = { attributeMappers: [replayMapper(spans)] };
  const [jsonOurs, jsonPeer, jsonPremapped] = await compare(
    [
      { name: "tracehub", round: (n) => { for (let i = 0; i < n; i++) encodeTraceRequestJson({ spans }); } },
      { name: "otlp-transformer JSON", round: (n) => { for (let i = 0; i < n; i++) JsonTraceSerializer.serializeRequest(readable); } },
      { name: "tracehub, attributes pre-mapped", round: (n) => { for (let i = 0; i < n; i++) encodeTraceRequestJson({ spans }, premapped); } },
    ],
    rounds,
  );
  return [
    { name: `OTLP protobuf encode, ${SPANS} spans`, ours: protoOurs, peer: protoPeer, ratio: protoOurs.nsPerOp / protoPeer.nsPerOp, target: 0.5, note: shape },
    {
      name: `OTLP JSON encode, ${SPANS} spans`,
      ours: jsonOurs,
      peer: jsonPeer,
      ratio: jsonOurs.nsPerOp / jsonPeer.nsPerOp,
      target: 0.5,
      note: `fed the attributes already mapped, content as JSON text (as the peer's spans carry them), the ratio is ${(jsonPremapped.nsPerOp / jsonPeer.nsPerOp).toFixed(3)}`,
    },
  ];
}

// Run alone: node --expose-gc bench/otlp-encode.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await otlpEncodeBenchmarks()) {
    console.log(`${r.name}: ${(r.ours.nsPerOp / 1e6).toFixed(2)} ms vs ${(r.peer.nsPerOp / 1e6).toFixed(2)} ms, ratio ${r.ratio.toFixed(3)} (target ≤ ${r.target})${r.note ? ` — ${r.note}` : ""}`);
  }
}
