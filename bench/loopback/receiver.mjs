// The loopback backend every benchmark sends to, run as a child process so its
// CPU is never counted in the producing process. One node:http server speaks
// just enough of each protocol to acknowledge at once and count what it
// decoded, per channel (the first path segment, e.g. /th-otlp/v1/traces):
//   OTLP/HTTP        POST …/v1/traces                 protobuf or JSON, gzip or not → 200
//   Langfuse OTLP    POST …/api/public/otel/v1/traces (same)                         → 200
//   Langfuse batch   POST …/api/public/ingestion      JSON events                    → 207
//   LangSmith        GET  …/info, POST …/runs/multipart, …/runs/batch, …/feedback   → 200/202
// Channels named `hold-…` are never answered (a paused backend). The parent
// talks to it over IPC: { id, cmd: "counts" | "reset" | "release" }; producer
// processes read the counts with GET /__counts.
import { createServer } from "node:http";
import { gunzipSync } from "node:zlib";
import { countJsonSpans, countMultipartRuns, countProtobufSpans } from "./count-items.mjs";

const LANGSMITH_INFO = JSON.stringify({
  version: "0.10.0",
  batch_ingest_config: { size_limit: 100, size_limit_bytes: 20_971_520, use_multipart_endpoint: true, scale_up_qsize_trigger: 1000 },
  instance_flags: { gzip_body_enabled: false },
});

let counts = new Map();
const held = new Set();

function channel(name) {
  let entry = counts.get(name);
  if (entry === undefined) {
    entry = { requests: 0, bytes: 0, spans: 0, posts: 0, patches: 0, events: 0, errors: 0 };
    counts.set(name, entry);
  }
  return entry;
}

function reply(res, status, contentType, body) {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function handle(req, res, raw) {
  const path = req.url.split("?")[0];
  if (path === "/__counts") return reply(res, 200, "application/json", JSON.stringify(Object.fromEntries(counts)));
  const name = path.split("/")[1] ?? "";
  const entry = channel(name);
  entry.requests++;
  entry.bytes += raw.length;
  if (name.startsWith("hold-")) {
    held.add(res);
    res.on("close", () => held.delete(res));
    return;
  }
  const body = req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
  const json = (req.headers["content-type"] ?? "").includes("json");
  if (path.endsWith("/v1/traces")) {
    entry.spans += json ? countJsonSpans(body.toString("utf8")) : countProtobufSpans(body);
    if (json || path.endsWith("/api/public/otel/v1/traces")) reply(res, 200, "application/json", "{}");
    else reply(res, 200, "application/x-protobuf", "");
  } else if (path.endsWith("/api/public/ingestion")) {
    const batch = JSON.parse(body.toString("utf8")).batch ?? [];
    entry.events += batch.length;
    reply(res, 207, "application/json", JSON.stringify({ successes: batch.map((e) => ({ id: e.id, status: 201 })), errors: [] }));
  } else if (path.endsWith("/info")) {
    reply(res, 200, "application/json", LANGSMITH_INFO);
  } else if (path.endsWith("/runs/multipart")) {
    const { posts, patches } = countMultipartRuns(body.toString("latin1"));
    entry.posts += posts;
    entry.patches += patches;
    reply(res, 202, "application/json", "{}");
  } else if (path.endsWith("/runs/batch")) {
    const parsed = JSON.parse(body.toString("utf8"));
    entry.posts += (parsed.post ?? []).length;
    entry.patches += (parsed.patch ?? []).length;
    reply(res, 202, "application/json", "{}");
  } else if (path.endsWith("/feedback")) {
    reply(res, 200, "application/json", "{}");
  } else {
    entry.errors++;
    reply(res, 404, "application/json", JSON.stringify({ detail: `no route ${req.method} ${path}` }));
  }
}

const server = createServer((req, res) => {
  const parts = [];
  req.on("data", (part) => parts.push(part));
  req.on("end", () => {
    try {
      handle(req, res, Buffer.concat(parts));
    } catch (error) {
      channel(req.url.split("/")[1] ?? "").errors++;
      reply(res, 400, "application/json", JSON.stringify({ detail: String(error) }));
    }
  });
});
server.keepAliveTimeout = 60_000;

server.listen(0, "127.0.0.1", () => process.send({ ready: true, port: server.address().port }));

process.on("message", ({ id, cmd }) => {
  if (cmd === "counts") process.send({ id, result: Object.fromEntries(counts) });
  else if (cmd === "reset") {
    counts = new Map();
    process.send({ id, result: true });
  } else if (cmd === "release") {
    for (const res of held) res.destroy();
    held.clear();
    process.send({ id, result: true });
  }
});
process.on("disconnect", () => process.exit(0));
