// Lint rules for every package. Two are architectural: adapters stay on core's
// public surface (no deep imports into another package), and entry points
// name what they export (no `export *`).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const deepImportPatterns = [
  {
    group: ["@tracehub/*/src", "@tracehub/*/src/**", "@tracehub/*/dist", "@tracehub/*/dist/**"],
    message: "Import another package through its public entry point (e.g. '@tracehub/core'), never its internals.",
  },
  {
    group: ["@tracehub/core/*"],
    message: "Adapters use core's public surface only: import from '@tracehub/core'.",
  },
  {
    group: ["**/packages/*/src/**", "../../*/src/**", "../../../*/src/**"],
    message: "Do not reach into another package's files with a relative path; import the package.",
  },
];

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/coverage/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mts", "**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", globalThis: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setImmediate: "readonly", setInterval: "readonly", clearInterval: "readonly", Buffer: "readonly", URL: "readonly", performance: "readonly", crypto: "readonly", fetch: "readonly", Response: "readonly", Request: "readonly", Headers: "readonly", AbortController: "readonly", AbortSignal: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", structuredClone: "readonly", queueMicrotask: "readonly" },
    },
    rules: {
      "no-restricted-imports": ["error", { patterns: deepImportPatterns }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  {
    files: ["packages/*/src/index.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ExportAllDeclaration",
          message: "Entry points name what they export: no `export *`.",
        },
      ],
    },
  },
  {
    files: ["**/test/**/*.ts", "bench/**", "examples/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
