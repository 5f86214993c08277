import { describe, expect, it } from "vitest";
import { observeStream, type StreamEnd } from "../src/stream/observe-stream.js";

/** The shape of a Stainless SDK Stream: an iterator factory plus the controller that aborts it. */
class FakeStream {
  readonly controller = new AbortController();
  constructor(public iterator: () => AsyncIterator<unknown>) {}
  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    return this.iterator();
  }
}

function streamOf(chunks: unknown[], failAfter?: number): FakeStream {
  const stream: FakeStream = new FakeStream(async function* () {
    for (const [index, chunk] of chunks.entries()) {
      if (index === failAfter) throw new Error("connection reset");
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (stream.controller.signal.aborted) return; // the SDK ends quietly on abort
      yield chunk;
    }
  });
  return stream;
}

function recorder(hide: (chunk: unknown) => boolean = () => false) {
  const seen: unknown[] = [];
  const ends: StreamEnd[] = [];
  return { seen, ends, observer: { onChunk: (chunk: unknown) => (seen.push(chunk), !hide(chunk)), onEnd: (end: StreamEnd) => void ends.push(end) } };
}

async function readAll(stream: AsyncIterable<unknown>, stopAfter = Infinity): Promise<unknown[]> {
  const got: unknown[] = [];
  for await (const chunk of stream) {
    got.push(chunk);
    if (got.length >= stopAfter) break;
  }
  return got;
}

describe("observeStream", () => {
  it("sees every chunk in order and ends once as completed; the consumer gets the same chunks and object", async () => {
    const stream = streamOf([1, 2, 3]);
    const r = recorder();
    expect(observeStream(stream, r.observer)).toBe(true);
    expect(await readAll(stream)).toEqual([1, 2, 3]);
    expect(r.seen).toEqual([1, 2, 3]);
    expect(r.ends).toEqual([{ kind: "completed" }]);
    expect(stream).toBeInstanceOf(FakeStream);
  });

  it("hides the chunks the observer rejects", async () => {
    const stream = streamOf([1, "usage", 2]);
    const r = recorder((chunk) => chunk === "usage");
    observeStream(stream, r.observer);
    expect(await readAll(stream)).toEqual([1, 2]);
    expect(r.seen).toEqual([1, "usage", 2]);
  });

  it("reports a consumer that stops reading (break) as cancelled, not aborted", async () => {
    const stream = streamOf([1, 2, 3]);
    const r = recorder();
    observeStream(stream, r.observer);
    expect(await readAll(stream, 1)).toEqual([1]);
    expect(r.ends).toEqual([{ kind: "cancelled", aborted: false }]);
  });

  it("reports controller.abort() mid-stream as cancelled and aborted", async () => {
    const stream = streamOf([1, 2, 3]);
    const r = recorder();
    observeStream(stream, r.observer);
    const got: unknown[] = [];
    for await (const chunk of stream) {
      got.push(chunk);
      stream.controller.abort();
    }
    expect(got).toEqual([1]);
    expect(r.ends).toEqual([{ kind: "cancelled", aborted: true }]);
  });

  it("reports a failing stream as failed and rethrows its error to the consumer", async () => {
    const stream = streamOf([1, 2, 3], 1);
    const r = recorder();
    observeStream(stream, r.observer);
    await expect(readAll(stream)).rejects.toThrow("connection reset");
    expect(r.ends).toHaveLength(1);
    expect(r.ends[0]).toMatchObject({ kind: "failed", error: expect.objectContaining({ message: "connection reset" }) });
  });

  it("keeps the consumer's loop going when the observer throws", async () => {
    const stream = streamOf([1, 2]);
    observeStream(stream, {
      onChunk: () => {
        throw new Error("observer bug");
      },
      onEnd: () => {
        throw new Error("observer bug");
      },
    });
    expect(await readAll(stream)).toEqual([1, 2]);
  });

  it("observes nothing (and says so) when the object has no iterator factory", () => {
    const r = recorder();
    expect(observeStream({}, r.observer)).toBe(false);
    expect(observeStream(null, r.observer)).toBe(false);
  });
});
