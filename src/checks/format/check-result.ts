import type { Finding, Report, Rubric } from '../../model/index.js';

/** What the formats render: one checked report, its findings (sorted) and the rubric used. */
export interface CheckResult {
  report: Report;
  findings: Finding[];
  rubric: Pick<Rubric, 'id' | 'name'>;
}

/** One row of a folder check: a checked report, or a file that could not be read. */
export type FolderEntry = { file: string; result: CheckResult } | { file: string; problem: string };
