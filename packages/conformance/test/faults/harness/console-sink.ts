// The console adapter's stream in the matrix: counts the span ids of the JSON
// lines it is given, like a log shipper reading stdout would.
import { AcceptedIds, type FaultServer } from "@tracehub/test-support";

export class ConsoleSink {
  readonly spans = new AcceptedIds();
  readonly scores = new AcceptedIds();
  #partial = "";

  write(chunk: string): boolean {
    const text = this.#partial + chunk;
    const lines = text.split("\n");
    this.#partial = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "") continue;
      const record = JSON.parse(line) as { type?: string; spanId?: string; id?: string };
      if (record.type === "span" && record.spanId !== undefined) this.spans.add(record.spanId);
      else if (record.type === "score" && record.id !== undefined) this.scores.add(record.id);
    }
    return true;
  }
}

/** What every backend of a rig looks like to the assertions: ids it accepted. */
export type Receiver = Pick<FaultServer, "spans" | "scores">;
