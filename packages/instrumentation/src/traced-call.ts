// The life of one traced SDK call: the span starts before the SDK is called,
// the HTTP tap records attempts, and the span ends when the outcome is known:
// the final response's body (non-streamed), the end of the stream, or the
// error the SDK threw. The caller gets the SDK's own return value untouched.
import { getDefaultHub, type Attributes, type SpanHandle } from "@tracehub/core";
import { HttpCall } from "./http/http-call.js";
import { recordHttp } from "./http/record-http.js";
import { tapParse } from "./http/parse-tap.js";
import type { Operation, StreamRequest } from "./operation.js";
import type { RequestBody } from "./request-parameters.js";
import type { ClientTracing, SdkProfile } from "./sdk-profile.js";
import { observeStream, type StreamEnd } from "./stream/observe-stream.js";

export interface TracedCall {
  readonly span: SpanHandle;
  readonly http: HttpCall;
  readonly operation: Operation;
  readonly profile: SdkProfile;
  /** The body handed to the SDK: the caller's, or a copy with stream usage requested. */
  readonly body: RequestBody;
  /** Set for streamed calls. */
  readonly stream: StreamRequest | undefined;
  readonly captureContent: boolean;
}

/** Starts the span for a call; undefined when the call is not one we can trace (the SDK then runs alone). */
export function startTracedCall(tracing: ClientTracing, operation: Operation, body: unknown, requestOptions: unknown): TracedCall | undefined {
  try {
    if (body === null || typeof body !== "object" || Array.isArray(body)) return undefined;
    const { client, profile, settings } = tracing;
    const request = body as RequestBody;
    const server = profile.serverFromBaseURL(client.baseURL);
    const provider = settings.provider ?? server.provider;
    const model = typeof request.model === "string" ? request.model : undefined;
    const parameters = profile.modelParameters(request);
    const attributes: Attributes = {
      ...settings.attributes,
      "gen_ai.operation.name": operation.name,
      "gen_ai.provider.name": provider,
      "gen_ai.system": provider,
      ...profile.requestAttributes(request, parameters),
    };
    if (server.address !== undefined) attributes["server.address"] = server.address;
    if (server.port !== undefined) attributes["server.port"] = server.port;
    const hub = settings.hub ?? getDefaultHub();
    const span = hub.startSpan(model === undefined ? operation.name : `${operation.name} ${model}`, {
      kind: operation.kind,
      model,
      provider,
      modelParameters: parameters,
      attributes,
      input: settings.captureContent ? operation.input(request) : undefined,
    });
    const timeout = (requestOptions as { timeout?: unknown } | undefined)?.timeout ?? client.timeout;
    if (typeof timeout === "number") span.setTimeoutMs(timeout);
    const streamed = request.stream === true && operation.streamRecorder !== undefined;
    const stream = streamed
      ? (operation.streamRequest?.(request, settings.streamUsage !== false) ?? { body: request, injectedUsage: false })
      : undefined;
    return {
      span,
      http: new HttpCall(span, operation.path, !streamed),
      operation,
      profile,
      body: stream?.body ?? request,
      stream,
      captureContent: settings.captureContent,
    };
  } catch {
    return undefined;
  }
}

/** Ends the span with the error the SDK threw or rejected with. */
export function failCall(call: TracedCall, error: unknown): void {
  try {
    recordHttp(call.span, call.http, call.profile.headers);
    call.span.recordError(error, call.profile.categorizeError(error));
  } finally {
    call.span.end();
  }
}

/** Follows the SDK's APIPromise to the call's end, without changing what the caller gets from it. */
export function watchResult(call: TracedCall, result: unknown): void {
  try {
    const promise = result as { then?: unknown; asResponse?: unknown };
    if (typeof promise?.then !== "function") {
      call.span.end();
      return;
    }
    if (call.stream !== undefined) {
      // Parsing a streamed response only builds the Stream object (its body is read when iterated),
      // and the APIPromise memoises it: the caller gets this very Stream, already observed.
      (promise as PromiseLike<unknown>).then(
        (stream) => watchStream(call, stream),
        (error: unknown) => failCall(call, error),
      );
      return;
    }
    tapParse(promise, call.http);
    // asResponse() settles with the final response (after retries) or the SDK's error, without
    // parsing: a caller who reads the raw body through .asResponse() still can.
    const settled = typeof promise.asResponse === "function" ? (promise.asResponse as () => Promise<unknown>)() : (promise as Promise<unknown>);
    settled.then(
      () => finishResponse(call),
      (error: unknown) => failCall(call, error),
    );
  } catch {
    call.span.end();
  }
}

async function finishResponse(call: TracedCall): Promise<void> {
  const { span } = call;
  try {
    const data = await (call.http.body ?? call.http.parsed);
    span.setStatus("ok");
    recordHttp(span, call.http, call.profile.headers);
    if (data !== undefined) call.operation.recordResponse(span, data, call.captureContent);
  } catch {
    // a response we cannot read still ends the span
  } finally {
    span.end();
  }
}

function watchStream(call: TracedCall, stream: unknown): void {
  const { span } = call;
  try {
    recordHttp(span, call.http, call.profile.headers);
    const recorder = call.operation.streamRecorder?.(call.stream as StreamRequest, span, call.captureContent);
    if (recorder === undefined) throw new Error("no stream recorder");
    const observed = observeStream(stream, {
      onChunk: (chunk) => recorder.onChunk(chunk),
      onEnd: (end: StreamEnd) => {
        try {
          if (end.kind === "failed") {
            recorder.finish(span);
            span.recordError(end.error, call.profile.categorizeError(end.error));
            return;
          }
          if (end.kind === "cancelled" && !recorder.finished) span.recordError(cancellation(end.aborted), "cancelled");
          else span.setStatus("ok");
          recorder.finish(span);
        } finally {
          span.end();
        }
      },
    });
    if (!observed) {
      span.setStatus("ok");
      span.end();
    }
  } catch {
    span.end();
  }
}

/** The error recorded on a stream the consumer stopped reading before the model finished. */
function cancellation(aborted: boolean): { name: string; message: string } {
  return aborted
    ? { name: "APIUserAbortError", message: "the stream was aborted before the model finished" }
    : { name: "StreamAbandoned", message: "the consumer stopped reading the stream before the model finished" };
}
