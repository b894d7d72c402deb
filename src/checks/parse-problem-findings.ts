import type { Finding, ParseProblem } from '../model/index.js';

/** Problems the parser met in a report it could still read (e.g. an indicator without a score), as warnings. */
export function parseProblemFindings(problems: readonly ParseProblem[]): Finding[] {
  return problems.map((p) => ({
    ruleId: `parse/${p.code}`,
    severity: 'warning' as const,
    message: p.message,
    line: p.line ?? 1,
    sectionPath: [],
  }));
}
