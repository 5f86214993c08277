// What LangSmith's ingestion endpoints require, checked on the bytes sent:
// POST /runs/multipart parses as multipart/form-data with CRLF framing, each
// part `application/json; length=N` with N its real byte length; each
// `post.<id>` run has a UUID id, trace_id, a dotted_order in the server's
// format whose segments name the trace root first and the run itself last, an
// allowed run_type, microsecond ISO times with start ≤ end. POST /feedback is
// one JSON record with UUID ids, a key and exactly one of score/value.

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const UUID_RE = new RegExp(`^${UUID}$`);
/** One dotted_order segment: YYYYMMDDTHHMMSSffffffZ + run UUID. */
const SEGMENT = `\\d{8}T\\d{12}Z${UUID}`;
export const DOTTED_ORDER_RE = new RegExp(`^${SEGMENT}(\\.${SEGMENT})*$`);
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const RUN_TYPES = new Set(["llm", "chain", "tool", "retriever", "embedding", "prompt", "parser"]);
const FIELD_PARTS = new Set(["inputs", "outputs", "events", "extra", "error"]);
const FEEDBACK_SOURCES = new Set(["api", "model", "app"]);

interface Part {
  name: string;
  contentType: string;
  body: Buffer;
}

export interface LangSmithCheck {
  problems: string[];
  runIds: string[];
  /** The W3C span id of each run (`extra.metadata.otel_span_id`), to match runs to spans. */
  spanIds: string[];
}

function parseMultipart(body: Uint8Array, contentType: string): Part[] {
  const boundary = /boundary=([^;]+)$/.exec(contentType)?.[1];
  if (boundary === undefined) throw new Error(`no boundary in ${contentType}`);
  const buf = Buffer.from(body);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = buf.indexOf(delimiter);
  if (pos !== 0) throw new Error("text before the first boundary");
  for (;;) {
    pos += delimiter.length;
    if (buf.subarray(pos, pos + 4).toString() === "--\r\n" && pos + 4 === buf.length) return parts;
    if (buf.subarray(pos, pos + 2).toString() !== "\r\n") throw new Error("boundary not followed by CRLF");
    const headerEnd = buf.indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new Error("part without a header end");
    const headers = buf.subarray(pos + 2, headerEnd).toString("utf8").split("\r\n");
    const next = buf.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new Error("part without a closing boundary");
    if (buf.subarray(next - 2, next).toString() !== "\r\n") throw new Error("part body not followed by CRLF");
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? "";
    const name = /name="([^"]+)"/.exec(disposition)?.[1] ?? "";
    const type = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, "") ?? "";
    parts.push({ name, contentType: type, body: buf.subarray(headerEnd + 4, next - 2) });
    pos = next;
  }
}

function parseJson(bytes: Buffer, where: string, problems: string[]): any {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    problems.push(`${where}: not UTF-8 JSON (${String(error)})`);
    return undefined;
  }
}

export function checkMultipart(body: Uint8Array, contentType: string): LangSmithCheck {
  const problems: string[] = [];
  let parts: Part[];
  try {
    parts = parseMultipart(body, contentType);
  } catch (error) {
    return { problems: [`multipart does not parse: ${String(error)}`], runIds: [], spanIds: [] };
  }
  const runs = new Map<string, any>();
  const spanIds: string[] = [];
  for (const part of parts) {
    const declared = /^application\/json; length=(\d+)$/.exec(part.contentType);
    if (declared === null) problems.push(`${part.name}: content type ${part.contentType}`);
    else if (Number(declared[1]) !== part.body.byteLength) problems.push(`${part.name}: length=${declared[1]} but ${part.body.byteLength} bytes`);
    const [op, id, field, ...rest] = part.name.split(".");
    if (op !== "post" || id === undefined || !UUID_RE.test(id) || rest.length > 0) {
      problems.push(`unexpected part name ${part.name}`);
      continue;
    }
    const value = parseJson(part.body, part.name, problems);
    if (field === undefined) {
      if (runs.has(id)) problems.push(`run ${id} posted twice in one request`);
      runs.set(id, value);
    } else if (!FIELD_PARTS.has(field)) {
      problems.push(`unknown field part ${part.name}`);
    } else if (field === "inputs" || field === "outputs" || field === "extra") {
      if (value === null || typeof value !== "object" || Array.isArray(value)) problems.push(`${part.name}: not an object`);
      if (field === "extra") spanIds.push(String(value?.metadata?.otel_span_id));
    } else if (field === "events" && !Array.isArray(value)) {
      problems.push(`${part.name}: not an array`);
    } else if (field === "error" && typeof value !== "string") {
      problems.push(`${part.name}: not a string`);
    }
  }
  for (const [id, run] of runs) checkRun(id, run, problems);
  return { problems, runIds: [...runs.keys()], spanIds };
}

function checkRun(partId: string, run: any, problems: string[]): void {
  const where = `run ${partId}`;
  if (run === null || typeof run !== "object") {
    problems.push(`${where}: not an object`);
    return;
  }
  if (run.id !== partId) problems.push(`${where}: id ${run.id} differs from its part name`);
  if (typeof run.trace_id !== "string" || !UUID_RE.test(run.trace_id)) problems.push(`${where}: bad trace_id ${run.trace_id}`);
  if (typeof run.name !== "string" || run.name === "") problems.push(`${where}: empty name`);
  if (!RUN_TYPES.has(run.run_type)) problems.push(`${where}: run_type ${run.run_type}`);
  if (typeof run.session_name !== "string" || run.session_name === "") problems.push(`${where}: no session_name`);
  const startOk = typeof run.start_time === "string" && ISO_MICROS.test(run.start_time);
  const endOk = typeof run.end_time === "string" && ISO_MICROS.test(run.end_time);
  if (!startOk) problems.push(`${where}: bad start_time ${run.start_time}`);
  if (!endOk) problems.push(`${where}: bad end_time ${run.end_time}`);
  if (startOk && endOk && run.end_time < run.start_time) problems.push(`${where}: end_time before start_time`);
  if (typeof run.dotted_order !== "string" || !DOTTED_ORDER_RE.test(run.dotted_order)) {
    problems.push(`${where}: dotted_order ${String(run.dotted_order).slice(0, 120)} does not match the server format`);
    return;
  }
  const segments = run.dotted_order.split(".");
  const runOf = (segment: string) => segment.slice(22);
  const first = segments[0] as string;
  const last = segments[segments.length - 1] as string;
  if (runOf(last) !== run.id) problems.push(`${where}: dotted_order does not end with the run itself`);
  if (runOf(first) !== run.trace_id) problems.push(`${where}: dotted_order does not start with trace_id`);
  if (segments.length === 1 && run.parent_run_id !== undefined) problems.push(`${where}: a root with a parent_run_id`);
  if (segments.length > 1 && run.parent_run_id !== runOf(segments[segments.length - 2] as string)) {
    problems.push(`${where}: parent_run_id is not the segment before the run`);
  }
  // The run's own segment carries its start time, the same instant as start_time.
  if (startOk && last.slice(0, 22) !== run.start_time.replace(/[-:.]/g, "")) problems.push(`${where}: dotted_order time differs from start_time`);
  for (let i = 1; i < segments.length; i++) {
    if ((segments[i] as string).slice(0, 22) < (segments[i - 1] as string).slice(0, 22)) problems.push(`${where}: a child segment earlier than its parent`);
  }
}

export function checkFeedback(body: Uint8Array): string[] {
  const problems: string[] = [];
  const feedback = parseJson(Buffer.from(body), "feedback", problems);
  if (feedback === undefined) return problems;
  for (const key of ["id", "run_id", "trace_id"]) {
    if (typeof feedback[key] !== "string" || !UUID_RE.test(feedback[key])) problems.push(`feedback ${key} is not a UUID: ${feedback[key]}`);
  }
  if (typeof feedback.key !== "string" || feedback.key === "") problems.push("feedback without a key");
  const hasScore = feedback.score !== undefined;
  const hasValue = feedback.value !== undefined;
  if (hasScore === hasValue) problems.push("feedback needs exactly one of score and value");
  if (hasScore && !(typeof feedback.score === "boolean" || (typeof feedback.score === "number" && Number.isFinite(feedback.score)))) {
    problems.push(`feedback score ${feedback.score}`);
  }
  if (hasValue && typeof feedback.value !== "string") problems.push("feedback value not a string");
  if (feedback.comment !== undefined && typeof feedback.comment !== "string") problems.push("feedback comment not a string");
  if (!FEEDBACK_SOURCES.has(feedback.feedback_source?.type)) problems.push(`feedback source ${feedback.feedback_source?.type}`);
  return problems;
}
