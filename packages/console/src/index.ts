export { ConsoleAdapter } from "./console-adapter.js";
export { tracehubAdapter } from "./factory.js";
export { renderTraceTree } from "./render-trace-tree.js";
export type { RenderOptions } from "./render-span-line.js";
export { renderJsonLines } from "./json-lines.js";
export {
  consoleOptionsSchema,
  validateConsoleOptions,
  CONSOLE_FORMAT_ENV,
  type ConsoleAdapterOptions,
  type ConsoleFormat,
  type ConsoleStream,
} from "./options.js";
