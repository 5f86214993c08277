import { defineConfig } from "vitest/config";

// One vitest run over every package's tests (each package also runs its own with `pnpm test`).
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "tests/vitest.config.ts"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
