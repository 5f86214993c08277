// One hub with every adapter attached, built through createHub as an
// application builds it: console (JSON lines into a buffer), OTLP protobuf,
// OTLP JSON (gzip), Langfuse (OTLP + score ingestion, gzip) and LangSmith
// (multipart), all sending to msw-captured fake backends, plus an in-memory
// adapter that is the ground truth of what was ended. `collect()` flushes,
// validates every request since the last call against its protocol, and
// checks that each backend got each ended span exactly once.
import {
  createHub,
  InMemoryAdapter,
  type AdapterSettings,
  type Hub,
  type ObservabilityAdapter,
  type ReadonlySpan,
  type Score,
} from "@tracehub/core";
import { tracehubAdapter as consoleFactory } from "@tracehub/console";
import { evaluationSpanId, tracehubAdapter as otlpFactory } from "@tracehub/otlp";
import { tracehubAdapter as langfuseFactory } from "@tracehub/langfuse";
import { tracehubAdapter as langsmithFactory } from "@tracehub/langsmith";
import {
  captureBackends,
  LANGFUSE_BASE,
  LANGSMITH_BASE,
  OTLP_JSON_URL,
  OTLP_PROTO_URL,
  type BackendName,
  type RecordedRequest,
} from "./capture-backends.js";
import { checkOtlpJson, checkOtlpProtobuf } from "./validate-otlp.js";
import { checkIngestionBody } from "./validate-langfuse.js";
import { checkFeedback, checkMultipart } from "./validate-langsmith.js";
import { checkJsonLines } from "./validate-console.js";

export interface Collected {
  /** Every protocol violation and every span lost or duplicated, one line each. */
  problems: string[];
  /** Spans ended and scores recorded since the last collect, as the hub delivered them. */
  spans: ReadonlySpan[];
  scores: Score[];
  /** Warnings the hub logged (secrets scrubbed) since the last collect. */
  warnings: string[];
}

export interface FuzzHarness {
  hub: Hub;
  collect(): Promise<Collected>;
  close(): Promise<void>;
}

const KEYS = { publicKey: "pk-lf-fuzz-public", secretKey: "sk-lf-fuzz-secret" };

export async function startFuzzHarness(): Promise<FuzzHarness> {
  const requests: RecordedRequest[] = [];
  const server = captureBackends(requests);
  server.listen({ onUnhandledRequest: "error" });
  let consoleText = "";
  const warnings: string[] = [];
  const log = { debug: () => undefined, warn: (m: string) => void warnings.push(m) };
  const memory = new InMemoryAdapter();
  const settings: AdapterSettings = { serviceName: "fuzz", debug: false, log };
  const otlpJson = await otlpFactory.create({}, { url: OTLP_JSON_URL, protocol: "http/json", compression: "gzip" }, settings);
  if (!otlpJson.ok) throw new Error(JSON.stringify(otlpJson.problems));

  const hub = await createHub({
    env: {},
    exporters: ["console", "otlp", "langfuse", "langsmith"],
    adapterFactories: { console: consoleFactory, otlp: otlpFactory, langfuse: langfuseFactory, langsmith: langsmithFactory },
    adapterOptions: {
      console: { format: "json", stream: { write: (chunk: string) => void (consoleText += chunk) } },
      otlp: { url: OTLP_PROTO_URL },
      langfuse: { ...KEYS, baseUrl: LANGFUSE_BASE, gzip: true },
      langsmith: { apiKey: "lsv2_pt_fuzz", endpoint: LANGSMITH_BASE },
    },
    adapters: [otlpJson.adapter as ObservabilityAdapter, memory],
    serviceName: "fuzz",
    registerShutdownHooks: false,
    spool: false,
    log,
    // Small enough that a huge value is truncated rather than slowing every run.
    maxFieldBytes: 64 * 1024,
  });

  const refused = new Map<string, number>();
  const collect = async (): Promise<Collected> => {
    for (let i = 0; i < 3 && !(await hub.flush(10_000)); i++);
    const problems: string[] = [];
    const delivered = new Map<BackendName | "console", string[]>();
    const add = (backend: BackendName | "console", ids: string[]) => delivered.set(backend, [...(delivered.get(backend) ?? []), ...ids]);
    for (const request of requests.splice(0)) {
      const tag = (list: string[]) => list.map((p) => `${request.backend}: ${p}`);
      switch (request.backend) {
        case "otlp-proto":
        case "langfuse-otel": {
          const check = request.headers["content-type"] === "application/json" ? checkOtlpJson(request.body) : checkOtlpProtobuf(request.body);
          problems.push(...tag(check.problems));
          add(request.backend, check.spans.map((s) => s.spanId));
          break;
        }
        case "otlp-json": {
          const check = checkOtlpJson(request.body);
          problems.push(...tag(check.problems));
          add(request.backend, check.spans.map((s) => s.spanId));
          break;
        }
        case "langfuse-ingestion": {
          const check = checkIngestionBody(request.body);
          problems.push(...tag(check.problems));
          add(request.backend, check.scoreIds);
          break;
        }
        case "langsmith-runs": {
          const check = checkMultipart(request.body, request.headers["content-type"] ?? "");
          problems.push(...tag(check.problems));
          add(request.backend, check.spanIds);
          break;
        }
        case "langsmith-feedback":
          problems.push(...tag(checkFeedback(request.body)));
          break;
      }
    }
    const lines = checkJsonLines(consoleText);
    consoleText = "";
    problems.push(...lines.problems.map((p) => `console: ${p}`));
    add("console", lines.spanIds);

    const spans = memory.spans.splice(0);
    const scores = memory.scores.splice(0);
    const spanIds = spans.map((s) => s.spanId);
    const expected: Record<string, string[]> = {
      "otlp-proto": spanIds,
      "otlp-json": spanIds,
      "langfuse-otel": spanIds,
      console: spanIds,
      "langsmith-runs": spanIds,
      "langfuse-ingestion": scores.map((s) => s.id),
    };
    for (const [backend, ids] of Object.entries(expected)) {
      const got = delivered.get(backend as BackendName) ?? [];
      const missing = ids.filter((id) => !got.includes(id));
      if (missing.length > 0) problems.push(`${backend}: ${missing.length} of ${ids.length} items never arrived`);
      if (new Set(got).size !== got.length) problems.push(`${backend}: an item arrived twice`);
      // OTLP carries a score whose span went out earlier on a zero-duration evaluation span of its own.
      const allowed = backend.startsWith("otlp") ? [...ids, ...scores.map((s) => evaluationSpanId(s.id))] : ids;
      const unexpected = got.filter((id) => !allowed.includes(id));
      if (unexpected.length > 0) problems.push(`${backend}: ${unexpected.length} items that were not ended in this run`);
    }
    for (const stats of hub.stats().adapters) {
      const before = refused.get(stats.adapter) ?? 0;
      const now = stats.failed + stats.dropped;
      refused.set(stats.adapter, now);
      // LangSmith refuses feedback for a trace this process never traced (its run id is unknown): not a fault.
      const allowed = stats.adapter === "langsmith" ? scores.length : 0;
      if (now - before > allowed) problems.push(`${stats.adapter}: ${now - before} items failed or dropped (${stats.lastError ?? ""})`);
    }
    return { problems, spans, scores, warnings: warnings.splice(0) };
  };

  return {
    hub,
    collect,
    async close() {
      await hub.shutdown(5_000);
      server.close();
    },
  };
}
