// A fake backend on 127.0.0.1 (port 0) that speaks one backend's protocol
// just enough to acknowledge and count ids, and injects faults on demand
// (see faults.ts). Used by the fault matrix (packages/conformance/test/faults).
//
// What counts as delivered: an id is recorded only when a 2xx answer carrying
// it was completely written to the socket ('finish') before the client went
// away. A request answered 5xx/429, reset, left hanging, or whose client gave
// up while the server was still delaying (a latency spike past the client's
// timeout) records nothing: the client could not know it arrived, so its retry
// is not a duplicate.
//
// One race remains: the answer is written, but the client's timeout fires
// before it reads it (on a loaded machine, in the same event loop). The client
// then drops the connection without sending anything else on it. Such an
// acknowledgement is marked unconfirmed (AcceptedIds.markUnconfirmed): a
// resend after it is correct client behaviour, counted apart. Any other id
// recorded twice means the client resent something it had seen accepted.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { AcceptedIds } from "./accepted-ids.js";
import {
  LANGSMITH_INFO,
  checkCredentials,
  json,
  readIngestion,
  routeKind,
  type Answer,
  type BackendCredentials,
  type FakeBackend,
  type Ingestion,
} from "./backend-routes.js";
import { decide, seededRandom, type Fault, type FaultAction } from "./faults.js";

const gunzipAsync = promisify(gunzip);

/**
 * A connection the client drops this soon after an answer, before reusing it,
 * was most likely dropped by a client that timed out before reading it. Idle
 * keep-alive connections are closed seconds later (undici: about 4 s).
 */
const UNCONFIRMED_WINDOW_MS = 2_000;

export interface FaultServerOptions extends BackendCredentials {
  backend: FakeBackend;
  /** Default healthy. */
  fault?: Fault;
  /** Only ingestion requests to these paths meet the fault; default all of them. */
  faultPaths?: readonly string[];
  /** Seed of the fault draws; default 1. */
  seed?: number;
}

/** What the server did with the ingestion requests it received. */
export interface FaultServerCounts {
  requests: number;
  /** 2xx answers fully written (their ids are recorded). */
  acknowledged: number;
  /** 5xx or 429 answers (outage 503s included). */
  failedStatus: number;
  /** Sockets destroyed mid-request. */
  resets: number;
  /** Requests left unanswered by a hanging server. */
  hung: number;
  /** Clients gone before their answer was written (they timed out during a delay). */
  abandoned: number;
  /** 400 (unreadable body), 401 (credentials) and 404 answers. */
  rejected: number;
  /** Connections reset on arrival during an `outage: refuse` (not requests: nothing was read). */
  refused: number;
  /** Acknowledgements whose connection the client dropped right after, unread perhaps (see above). */
  unconfirmed: number;
}

export interface FaultServer {
  readonly backend: FakeBackend;
  /** `http://127.0.0.1:<port>`: the base URL to give the adapter. */
  readonly url: string;
  /** Span ids acknowledged (LangSmith: the runs' `otel_span_id`). */
  readonly spans: AcceptedIds;
  /** Score ids acknowledged (Langfuse score-create bodies, LangSmith feedback). */
  readonly scores: AcceptedIds;
  readonly counts: Readonly<FaultServerCounts>;
  readonly fault: Fault;
  /**
   * Switches fault (and, when given, the ingestion paths it strikes; others are
   * answered normally). `outage: refuse` resets every connection as it is
   * accepted and cuts the open ones; the URL stays the same throughout.
   */
  setFault(fault: Fault, options?: { paths?: readonly string[] }): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const server = new FakeBackendServer(options);
  await server.listen();
  return server;
}

class FakeBackendServer implements FaultServer {
  readonly backend: FakeBackend;
  readonly spans = new AcceptedIds();
  readonly scores = new AcceptedIds();
  readonly counts: FaultServerCounts = { requests: 0, acknowledged: 0, failedStatus: 0, resets: 0, hung: 0, abandoned: 0, rejected: 0, refused: 0, unconfirmed: 0 };
  #fault: Fault;
  #faultPaths: readonly string[] | undefined;
  readonly #random: () => number;
  readonly #credentials: BackendCredentials;
  readonly #server: Server;
  readonly #hanging = new Set<ServerResponse>();
  readonly #sockets = new Set<Socket>();
  /** Sockets this server closed itself: their closing says nothing about the client. */
  readonly #cutByServer = new WeakSet<Socket>();
  /** The last 2xx answer on a socket, until the client sends the next request on it. */
  readonly #lastAnswer = new WeakMap<Socket, { ingestion: Ingestion; at: number }>();
  #port = 0;
  #closed = false;

  constructor(options: FaultServerOptions) {
    this.backend = options.backend;
    this.#fault = options.fault ?? { kind: "healthy" };
    this.#faultPaths = options.faultPaths;
    this.#random = seededRandom(options.seed ?? 1);
    this.#credentials = { langfuse: options.langfuse, langsmithApiKey: options.langsmithApiKey };
    this.#server = createServer((req, res) => void this.#handle(req, res).catch(() => res.destroy()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get fault(): Fault {
    return this.#fault;
  }

  async listen(): Promise<void> {
    // While refusing, each connection is reset as soon as it is accepted. (Closing the listener
    // would refuse for real, but free the port for the next server this process starts.)
    this.#server.on("connection", (socket: Socket) => {
      if (this.#refusing()) {
        this.counts.refused++;
        this.#cutByServer.add(socket);
        socket.resetAndDestroy();
        return;
      }
      this.#sockets.add(socket);
      socket.once("close", () => {
        this.#sockets.delete(socket);
        this.#noteDropped(socket);
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => {
        this.#server.off("error", reject);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  async setFault(fault: Fault, options: { paths?: readonly string[] } = {}): Promise<void> {
    if (this.#closed) return;
    this.#fault = fault;
    this.#faultPaths = options.paths;
    if (fault.kind !== "hang") this.#cutHanging();
    // Connections already open (keep-alive) go down with the server.
    if (this.#refusing()) this.#cutConnections();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#cutHanging();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#cutConnections();
    });
  }

  #refusing(): boolean {
    return this.#fault.kind === "outage" && this.#fault.mode === "refuse";
  }

  #cutHanging(): void {
    for (const res of this.#hanging) {
      this.#cutByServer.add(res.socket as Socket);
      res.destroy();
    }
    this.#hanging.clear();
  }

  #cutConnections(): void {
    for (const socket of this.#sockets) {
      this.#cutByServer.add(socket);
      socket.destroy();
    }
  }

  /** The client closed a connection: an answer it carried just before may never have been read. */
  #noteDropped(socket: Socket): void {
    const last = this.#lastAnswer.get(socket);
    if (last === undefined || this.#cutByServer.has(socket) || Date.now() - last.at > UNCONFIRMED_WINDOW_MS) return;
    this.counts.unconfirmed++;
    for (const id of last.ingestion.spanIds) this.spans.markUnconfirmed(id);
    for (const id of last.ingestion.scoreIds) this.scores.markUnconfirmed(id);
  }

  // --- requests -------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    // A new request on the connection: the client read the previous answer.
    this.#lastAnswer.delete(req.socket);
    const kind = routeKind(this.backend, method, path);
    if (kind === "info") {
      await readBody(req);
      return this.#answer(res, LANGSMITH_INFO);
    }
    if (kind === "unknown") {
      await readBody(req);
      this.counts.rejected++;
      return this.#answer(res, json(404, { message: `no route ${method} ${path}` }));
    }
    this.counts.requests++;
    const struck = this.#faultPaths === undefined || this.#faultPaths.includes(path);
    const action: FaultAction = struck ? decide(this.#fault, this.#random) : { kind: "answer", delayMs: 0 };
    if (action.kind === "reset" && action.midBody) return this.#resetMidBody(req);
    const raw = await readBody(req);
    await this.#ingest(req, res, path, raw, action);
  }

  async #ingest(req: IncomingMessage, res: ServerResponse, path: string, raw: Buffer, action: FaultAction): Promise<void> {
    switch (action.kind) {
      case "reset":
        this.counts.resets++;
        req.socket.destroy();
        return;
      case "hang":
        this.counts.hung++;
        this.#hanging.add(res);
        res.on("close", () => this.#hanging.delete(res));
        return;
      case "status": {
        this.counts.failedStatus++;
        const answer = json(action.status, { message: action.status === 429 ? "rate limited" : "unavailable" });
        return this.#answer(res, answer, action.retryAfterSeconds === undefined ? {} : { "retry-after": String(action.retryAfterSeconds) });
      }
      case "answer":
        break;
    }
    const denied = checkCredentials(this.backend, req.headers, this.#credentials);
    if (denied !== undefined) {
      this.counts.rejected++;
      return this.#answer(res, denied);
    }
    let ingestion: Ingestion;
    try {
      const body = req.headers["content-encoding"] === "gzip" ? await gunzipAsync(raw) : raw;
      ingestion = readIngestion(path, req.headers["content-type"] ?? "", body);
    } catch (error) {
      this.counts.rejected++;
      return this.#answer(res, json(400, { message: `unreadable body: ${error instanceof Error ? error.message : String(error)}` }));
    }
    if (action.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, action.delayMs));
    if (res.destroyed || req.socket.destroyed) {
      this.counts.abandoned++;
      return;
    }
    res.once("finish", () => {
      this.counts.acknowledged++;
      for (const id of ingestion.spanIds) this.spans.add(id);
      for (const id of ingestion.scoreIds) this.scores.add(id);
      this.#lastAnswer.set(req.socket, { ingestion, at: Date.now() });
    });
    res.once("close", () => {
      if (!res.writableFinished) this.counts.abandoned++;
    });
    this.#answer(res, ingestion.ack);
  }

  /** Destroys the socket once the first bytes of the body arrive (or at once for an empty body). */
  #resetMidBody(req: IncomingMessage): void {
    this.counts.resets++;
    const cut = () => req.socket.destroy();
    if (req.readableEnded) cut();
    else {
      req.once("data", cut);
      req.once("end", cut);
    }
  }

  #answer(res: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    res.writeHead(answer.status, { "content-type": answer.contentType, ...headers });
    res.end(answer.body);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
