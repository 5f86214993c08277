// A tiny ANSI painter: enough SGR codes for the console trees, no dependency.
// Each style closes with its own reset code so styles nest without bleeding.

export interface Painter {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  magenta(text: string): string;
  cyan(text: string): string;
}

function style(enabled: boolean, open: number, close: number): (text: string) => string {
  if (!enabled) return (text) => text;
  return (text) => (text === "" ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

export function createPainter(enabled: boolean): Painter {
  return {
    enabled,
    bold: style(enabled, 1, 22),
    dim: style(enabled, 2, 22),
    red: style(enabled, 31, 39),
    green: style(enabled, 32, 39),
    yellow: style(enabled, 33, 39),
    blue: style(enabled, 34, 39),
    magenta: style(enabled, 35, 39),
    cyan: style(enabled, 36, 39),
  };
}

/**
 * Whether "auto" colour is on for a stream: FORCE_COLOR wins ("0"/"false" turn
 * it off), then NO_COLOR (any non-empty value) turns it off, then the stream's isTTY.
 */
export function detectColor(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  const noColor = env["NO_COLOR"];
  if (noColor !== undefined && noColor !== "") return false;
  return stream.isTTY === true;
}
