// Everything the process writes to stdout and stderr while `fn` runs, taken at
// the stream's write(): the console adapter and the hub's default logger write
// there, and so would any stray console.log in an adapter.

export interface CapturedOutput {
  stdout: string;
  stderr: string;
}

type Write = typeof process.stdout.write;

export async function captureOutput<T>(fn: () => Promise<T>): Promise<{ result: T; output: CapturedOutput }> {
  const output: CapturedOutput = { stdout: "", stderr: "" };
  const original = { stdout: process.stdout.write, stderr: process.stderr.write };
  const tap = (stream: "stdout" | "stderr"): Write =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as Write;
  process.stdout.write = tap("stdout");
  process.stderr.write = tap("stderr");
  try {
    const result = await fn();
    return { result, output };
  } finally {
    process.stdout.write = original.stdout;
    process.stderr.write = original.stderr;
  }
}
