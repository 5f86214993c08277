// The process-wide default hub configures itself lazily from the environment and
// loads adapter packages by name at run time — checked in a real child process
// from an application directory (the demo's), as a user's app would run.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const appDir = resolve(import.meta.dirname, "../examples/demo");
const script = `
  const { observe } = await import("@tracehub/core");
  const add = observe((a, b) => a + b, { name: "add", kind: "tool" });
  console.error("result " + add(2, 3));
`;

function runApp(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 15_000,
  });
}

describe("default hub", () => {
  it("loads the console adapter named in TRACEHUB_EXPORTERS and delivers on exit", () => {
    const out = runApp({ TRACEHUB_EXPORTERS: "console", TRACEHUB_CONSOLE_FORMAT: "json" });
    expect(out.status).toBe(0);
    expect(out.stderr).toContain("result 5");
    const spans = out.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ type: "span", name: "add", kind: "tool", input: [2, 3], output: 5 });
  });

  it("turns tracing off with one clear message on bad config, without breaking the app", () => {
    const out = runApp({ TRACEHUB_EXPORTERS: "console,nosuchbackend", TRACEHUB_SAMPLE_RATE: "lots" });
    expect(out.status).toBe(0);
    expect(out.stderr).toContain("result 5");
    expect(out.stderr).toContain("tracing is off");
    expect(out.stderr).toContain("TRACEHUB_SAMPLE_RATE");
    expect(out.stderr).toContain("nosuchbackend");
    expect(out.stdout).toBe("");
  });
});
