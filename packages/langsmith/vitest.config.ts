import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "langsmith", include: ["test/**/*.test.ts"], environment: "node" },
});
