import { defineProject } from "vitest/config";

// Repository-level tests: built packages, exports maps.
export default defineProject({
  test: { name: "repo", include: ["**/*.test.ts"], environment: "node" },
});
