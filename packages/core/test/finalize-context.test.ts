// SpanFinalizer builds each finalised context field by field (one object shape
// for every adapter): a field it does not copy would silently vanish. The full
// context below must name every TraceContext field (`satisfies Required<…>`),
// so a field added to TraceContext fails to type-check here until it is handled.
import { describe, expect, it } from "vitest";
import type { TraceContext } from "../src/index.js";
import { memoryHub } from "./helpers.js";

describe("finalised trace context", () => {
  it("keeps every TraceContext field the application set", async () => {
    const full = {
      traceName: "checkout",
      userId: "user-1",
      sessionId: "session-1",
      tags: ["a", "b"],
      metadata: { tenant: "acme" },
      release: "1.2.3",
      environment: "staging",
      version: "v7",
      serviceName: "shop",
    } satisfies Required<TraceContext>;
    const { hub, memory } = await memoryHub({ serviceName: full.serviceName });
    const { traceName, serviceName, ...input } = full;
    const root = hub.startTrace(traceName, input);
    root.end();
    await hub.flush();
    await hub.shutdown();
    expect(serviceName).toBe("shop");
    expect(memory.spans[0]?.context).toEqual(full);
  });
});
