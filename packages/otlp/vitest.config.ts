import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "otlp", include: ["test/**/*.test.ts"], environment: "node" },
});
