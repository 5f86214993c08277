import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "conformance", include: ["test/**/*.test.ts"], environment: "node", testTimeout: 120_000, hookTimeout: 60_000 },
});
