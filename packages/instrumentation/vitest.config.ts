import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "instrumentation", include: ["test/**/*.test.ts"], environment: "node" },
});
