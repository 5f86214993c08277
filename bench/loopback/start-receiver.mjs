// Starts the loopback receiver (receiver.mjs) in a child process and returns a
// handle to ask it for its counts, reset them, release held requests and stop it.
import { fork } from "node:child_process";

export async function startReceiver() {
  const child = fork(new URL("./receiver.mjs", import.meta.url), [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", (message) => resolve(message.port));
  });
  let nextId = 0;
  const waiting = new Map();
  child.on("message", (message) => {
    const done = waiting.get(message.id);
    if (done === undefined) return;
    waiting.delete(message.id);
    done(message.result);
  });
  const ask = (cmd) =>
    new Promise((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      child.send({ id, cmd });
    });
  return {
    port,
    pid: child.pid,
    /** Base URL of one channel, e.g. url("th-otlp") → http://127.0.0.1:PORT/th-otlp */
    url: (channel) => `http://127.0.0.1:${port}/${channel}`,
    /** { [channel]: { requests, bytes, spans, posts, patches, events, errors } } */
    counts: () => ask("counts"),
    reset: () => ask("reset"),
    release: () => ask("release"),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}

/** From a producer process: the receiver's counts per channel, over HTTP. */
export async function fetchCounts(port) {
  const response = await fetch(`http://127.0.0.1:${port}/__counts`);
  return response.json();
}
