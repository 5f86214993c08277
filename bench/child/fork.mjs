// Producer processes: each benchmark that reads process-wide figures (CPU,
// heap) or runs for seconds (throughput) runs its contender in a child process
// of its own, so nothing else in this process is counted.
import { fork } from "node:child_process";

const EXEC_ARGV = ["--expose-gc"];

/** Runs `script` with `input` (JSON in argv) and resolves with the one result it sends. */
export function runChild(script, input) {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(input)], { execArgv: EXEC_ARGV, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let result;
    child.on("message", (message) => (result = message.result));
    child.on("error", reject);
    child.on("exit", (code) => (result === undefined ? reject(new Error(`${script} exited with ${code} and no result`)) : resolve(result)));
  });
}

/** Starts `script` as a long-lived host: request(message) resolves with its reply; stop() ends it. */
export async function startHost(script, input) {
  const child = fork(script, [JSON.stringify(input)], { execArgv: EXEC_ARGV, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let pending;
  child.on("message", (message) => {
    const done = pending;
    pending = undefined;
    done?.(message);
  });
  child.on("exit", (code) => pending?.({ error: `host exited with ${code}` }));
  return {
    request: (message) =>
      new Promise((resolve) => {
        pending = resolve;
        child.send(message);
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}

/** In a child: the input the parent passed. */
export const childInput = () => JSON.parse(process.argv[2] ?? "{}");
