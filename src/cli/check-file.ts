import type { CheckResult } from '../checks/format/check-result.js';
import type { Rubric } from '../model/index.js';
import type { LoadedFile } from '../report/parse-report.js';

export type FileOutcome = { ok: true; result: CheckResult } | { ok: false; message: string };

/**
 * Read, recognise and check one report file; a file that cannot be used is a Chinese message, not an exception.
 * `loaded`: the file's bytes already being read (a folder check reads the next file while checking this one).
 */
export async function checkFile(path: string, rubric: Rubric, loaded?: Promise<LoadedFile>): Promise<FileOutcome> {
  const [{ readReportFile }, { checkReport, sortFindings }, { parseProblemFindings }] = await Promise.all([
    import('../report/parse-report.js'),
    import('../checks/engine.js'),
    import('../checks/parse-problem-findings.js'),
  ]);
  const parsed = await readReportFile(path, loaded);
  if (!parsed.ok) return { ok: false, message: parsed.problems[0]?.message ?? `无法读取 ${path}。` };
  const outcome = checkReport(parsed.report, rubric);
  const findings = sortFindings([...outcome.findings, ...parseProblemFindings(parsed.problems)]);
  return { ok: true, result: { report: outcome.report, findings, rubric: { id: outcome.rubricChoice.rubric.id, name: outcome.rubricChoice.summary } } };
}
