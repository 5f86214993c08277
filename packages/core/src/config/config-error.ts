// The one error `createHub` throws: every configuration problem found, each on
// its own line with where it comes from and how to fix it, so a deployment is
// fixed in one round instead of one problem per restart.
import type { ConfigProblem } from "../adapter.js";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(formatConfigProblems(problems));
    this.problems = Object.freeze(problems.map((p) => Object.freeze({ ...p })));
  }
}

/**
 * `tracehub configuration has 2 problems:` followed by one
 * `  - SOURCE: problem. Fix: fix` line per problem. The source is not repeated
 * when the problem text already starts with it.
 */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const lines = problems.map((p) => `  - ${formatProblemLine(p)}`);
  return [`tracehub configuration has ${count}:`, ...lines].join("\n");
}

function formatProblemLine({ source, problem, fix }: ConfigProblem): string {
  const what = problem.startsWith(source) ? problem : `${source}: ${problem}`;
  return `${withPeriod(what)} Fix: ${withPeriod(fix)}`;
}

function withPeriod(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
