// How an adapter package reports bad code options (`adapterOptions.<name>`):
// zod's issues turned into ConfigProblems, one per unknown key and one per bad
// option, never quoting a value (keys, URLs and headers may carry credentials).
import type { ConfigProblem } from "../adapter.js";

/** The part of a zod issue this needs (zod 4's `$ZodIssue` fits). */
export interface OptionIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly keys?: readonly string[];
}

export interface OptionDescriptions {
  /** Every option the adapter takes, listed in the fix for an unknown key. */
  known: readonly string[];
  /** What each option expects, in words ("a whole number above 0"). */
  expected: Readonly<Record<string, string>>;
}

export function adapterOptionProblems(
  adapter: string,
  issues: readonly OptionIssue[],
  { known, expected }: OptionDescriptions,
): ConfigProblem[] {
  const root = `adapterOptions.${adapter}`;
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys ?? []) {
        problems.push({
          source: `${root}.${key}`,
          problem: `unknown option ${key}`,
          fix: `Remove it; the ${adapter} adapter takes ${known.join(", ")}`,
        });
      }
      continue;
    }
    const key = String(issue.path[0] ?? "");
    if (seen.has(key)) continue;
    seen.add(key);
    const source = key === "" ? root : `${root}.${key}`;
    const wanted = key === "" ? "an object" : (expected[key] ?? "a valid value");
    problems.push({ source, problem: `${source} is not valid: expected ${wanted}`, fix: `Pass ${wanted} as ${source}, or leave it out` });
  }
  return problems;
}
