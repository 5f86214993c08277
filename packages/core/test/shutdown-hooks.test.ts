// Flush on beforeExit, SIGTERM and SIGINT, keeping the application's own
// handlers and exit code — checked on real child processes.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const child = fileURLToPath(new URL("./fixtures/exit-child.mjs", import.meta.url));

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

function run(mode: string, signal?: NodeJS.Signals): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, mode], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`child did not exit: ${stdout}`));
    }, 10_000);
    proc.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (signal !== undefined && stdout.includes("ready\n") && !proc.killed) proc.kill(signal);
    });
    proc.on("exit", (code, exitSignal) => {
      clearTimeout(timer);
      resolve({ code, signal: exitSignal, stdout });
    });
  });
}

describe("process shutdown hooks", () => {
  it("delivers queued spans on beforeExit and keeps exit code 0", async () => {
    const outcome = await run("natural");
    expect(outcome.stdout).toContain("exported work-1,work-2");
    expect(outcome.code).toBe(0);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("flushes on %s and then dies of that signal when the app has no handler", async (signal) => {
    const outcome = await run("signal-no-handler", signal);
    expect(outcome.stdout).toContain("exported work-1,work-2");
    expect(outcome.signal).toBe(signal);
  });

  it("keeps the application's own SIGTERM handler and its exit code", async () => {
    const outcome = await run("signal-app-handler", "SIGTERM");
    expect(outcome.stdout).toContain("app handler ran");
    expect(outcome.stdout).toContain("exported work-1,work-2");
    expect(outcome.code).toBe(3);
  });
});
