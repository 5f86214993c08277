// The hub's logger: `[tracehub] …` lines on stderr by default, or the user's own
// logger. Either way debug lines appear only when debug is on, secrets are
// scrubbed from every line, and logging never throws into the caller.
import type { Logger } from "../adapter.js";
import { scrubSecrets } from "./secrets.js";

/** Writes `[tracehub] <level>: message` to stderr. */
export function createStderrLogger(): Logger {
  const write = (level: string, message: string): void => {
    const line = `[tracehub] ${level}: ${message}\n`;
    if (typeof process !== "undefined" && typeof process.stderr?.write === "function") process.stderr.write(line);
    else console.error(line.trimEnd());
  };
  return { debug: (m) => write("debug", m), warn: (m) => write("warn", m) };
}

export interface HubLoggerSettings {
  debug: boolean;
  secrets: readonly string[];
}

/** Wraps `base` (default: stderr) with the debug gate, secret scrubbing and a catch. */
export function createHubLogger(base: Logger | undefined, settings: HubLoggerSettings): Logger {
  const target = base ?? createStderrLogger();
  const emit = (level: "debug" | "warn", message: string): void => {
    try {
      target[level](scrubSecrets(message, settings.secrets));
    } catch {
      // A broken logger must not break tracing or the application.
    }
  };
  return {
    debug: (message) => {
      if (settings.debug) emit("debug", message);
    },
    warn: (message) => emit("warn", message),
  };
}
