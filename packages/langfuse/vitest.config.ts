import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "langfuse", include: ["test/**/*.test.ts"], environment: "node" },
});
