// The architectural lint rules must actually fire: adapters stay on core's public
// surface, and package entry points name what they export.
import { ESLint } from "eslint";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? "");
}

describe("architectural lint rules", () => {
  it("rejects deep imports into core from an adapter package", async () => {
    const deep = [
      'import { LiveSpan } from "@tracehub/core/src/span/live-span.js";\nexport const x = LiveSpan;\n',
      'import { Hub } from "@tracehub/core/dist/index.js";\nexport const x = Hub;\n',
      'import { Hub } from "../../core/src/hub/hub.js";\nexport const x = Hub;\n',
    ];
    for (const code of deep) {
      expect(await ruleIds(code, "packages/console/src/some-file.ts")).toContain("no-restricted-imports");
    }
    expect(await ruleIds('import { Hub } from "@tracehub/core";\nexport const x = Hub;\n', "packages/console/src/some-file.ts")).toEqual([]);
  });

  it("rejects `export *` in a package entry point but not elsewhere", async () => {
    const code = 'export * from "./console-adapter.js";\n';
    expect(await ruleIds(code, "packages/console/src/index.ts")).toContain("no-restricted-syntax");
    expect(await ruleIds('export { ConsoleAdapter } from "./console-adapter.js";\n', "packages/console/src/index.ts")).toEqual([]);
  });
});
