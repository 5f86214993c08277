// Checks the Langfuse key pair before any request is made, so a wrong pair is
// one ConfigError at start-up rather than a stream of 401s. Keys are never
// quoted: only which one is wrong and how.
import type { ConfigProblem } from "@tracehub/core";

const PUBLIC_PREFIX = "pk-lf-";
const SECRET_PREFIX = "sk-lf-";

export interface KeySources {
  publicKey: string | undefined;
  secretKey: string | undefined;
  /** Where each came from, e.g. "LANGFUSE_PUBLIC_KEY" or "adapterOptions.langfuse.publicKey". */
  publicSource: string;
  secretSource: string;
}

export function checkKeyPair(keys: KeySources): ConfigProblem[] {
  const { publicKey, secretKey, publicSource, secretSource } = keys;
  const problems: ConfigProblem[] = [];
  if (publicKey === undefined) {
    problems.push({
      source: publicSource,
      problem: "the Langfuse public key is not set",
      fix: "Set LANGFUSE_PUBLIC_KEY to the project's public key (pk-lf-…, Langfuse → Project settings → API keys)",
    });
  }
  if (secretKey === undefined) {
    problems.push({
      source: secretSource,
      problem: "the Langfuse secret key is not set",
      fix: "Set LANGFUSE_SECRET_KEY to the project's secret key (sk-lf-…), created together with the public key",
    });
  }
  if (publicKey === undefined || secretKey === undefined) return problems;

  if (publicKey.startsWith(SECRET_PREFIX) && secretKey.startsWith(PUBLIC_PREFIX)) {
    return [
      {
        source: `${publicSource}, ${secretSource}`,
        problem: "the Langfuse public and secret keys are swapped (the public key starts with sk-lf-, the secret key with pk-lf-)",
        fix: "Exchange the values of LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY",
      },
    ];
  }
  if (!publicKey.startsWith(PUBLIC_PREFIX)) {
    problems.push({
      source: publicSource,
      problem: publicKey.startsWith(SECRET_PREFIX)
        ? "the Langfuse public key is a secret key (it starts with sk-lf-)"
        : "the Langfuse public key does not start with pk-lf-",
      fix: "Set LANGFUSE_PUBLIC_KEY to the project's public key (pk-lf-…)",
    });
  }
  if (!secretKey.startsWith(SECRET_PREFIX)) {
    problems.push({
      source: secretSource,
      problem: secretKey.startsWith(PUBLIC_PREFIX)
        ? "the Langfuse secret key is a public key (it starts with pk-lf-)"
        : "the Langfuse secret key does not start with sk-lf-",
      fix: "Set LANGFUSE_SECRET_KEY to the project's secret key (sk-lf-…)",
    });
  }
  // Basic auth needs printable ASCII; anything else is a copy-paste accident (a space, a smart quote).
  if (problems.length === 0 && !/^[\x21-\x7e]+$/.test(publicKey + secretKey)) {
    problems.push({
      source: `${publicSource}, ${secretSource}`,
      problem: "a Langfuse key contains whitespace or non-ASCII characters (often a copy-paste error)",
      fix: "Copy the keys again from Langfuse → Project settings → API keys",
    });
  }
  return problems;
}
