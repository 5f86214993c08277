import { createHub } from "@tracehub/core";
import { describe, expect, it } from "vitest";
import { resolveTraceSettings } from "../src/index.js";

describe("resolveTraceSettings", () => {
  it("captures content by default and takes hub, provider and attributes as given", async () => {
    expect(resolveTraceSettings(undefined)).toEqual({ hub: undefined, captureContent: true, provider: undefined, attributes: undefined });
    const hub = await createHub({ env: {}, adapters: [], registerShutdownHooks: false });
    const settings = resolveTraceSettings({ hub, captureContent: false, provider: "azure", attributes: { team: "a" } });
    expect(settings).toEqual({ hub, captureContent: false, provider: "azure", attributes: { team: "a" } });
    await hub.shutdown();
  });

  it("ignores a provider that is not a string (options from untyped JavaScript)", () => {
    expect(resolveTraceSettings({ provider: 42 as unknown as string }).provider).toBeUndefined();
  });
});
