import { categorizeError } from "@tracehub/core";
import { describe, expect, it } from "vitest";
import { STAINLESS_ERROR_CLASSES, errorField, sdkErrorCategorizer } from "../src/index.js";

class APIError extends Error {
  constructor(readonly status?: number) {
    super("api error");
  }
}
class RateLimitError extends APIError {}
class APIConnectionError extends APIError {}
class APIConnectionTimeoutError extends APIConnectionError {}
class VendorOnlyError extends APIError {}

describe("sdkErrorCategorizer", () => {
  const categorize = sdkErrorCategorizer({
    byClass: { ...STAINLESS_ERROR_CLASSES, VendorOnlyError: "content_filter" },
    fromFields: (error) => (errorField(error, "type") === "overloaded_error" ? "server" : undefined),
  });

  it("matches class names through the prototype chain, nearest class first", () => {
    expect(categorize(new APIConnectionTimeoutError())).toBe("timeout");
    expect(categorize(new APIConnectionError())).toBe("network");
    expect(categorize(new RateLimitError(429))).toBe("rate_limit");
    expect(categorize(new VendorOnlyError())).toBe("content_filter");
  });

  it("lets the error's fields decide first", () => {
    expect(categorize(Object.assign(new RateLimitError(429), { type: "overloaded_error" }))).toBe("server");
  });

  it("falls back to core's categorizeError for unknown classes and non-errors", () => {
    expect(categorize(new APIError(503))).toBe(categorizeError(new APIError(503)));
    expect(categorize(new APIError(503))).toBe("server");
    expect(categorize("weird")).toBe("unknown");
    expect(categorize(null)).toBe("unknown");
  });

  it("never throws, whatever the error or the vendor's field rule does", () => {
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error("no");
        },
        get() {
          throw new Error("no");
        },
      },
    );
    expect(() => categorize(hostile)).not.toThrow();
    const throwing = sdkErrorCategorizer({
      byClass: STAINLESS_ERROR_CLASSES,
      fromFields: () => {
        throw new Error("bug in a vendor rule");
      },
    });
    expect(throwing(new APIConnectionError())).toBe("network");
  });
});

describe("errorField", () => {
  it("reads a field, or undefined when absent, not an object, or its getter throws", () => {
    expect(errorField({ code: "x" }, "code")).toBe("x");
    expect(errorField("text", "code")).toBeUndefined();
    expect(
      errorField(
        Object.defineProperty({}, "code", {
          get() {
            throw new Error("no");
          },
        }),
        "code",
      ),
    ).toBeUndefined();
  });
});
