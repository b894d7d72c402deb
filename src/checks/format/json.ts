import { IndicatorLeafJsonSchema, type Finding, type IndicatorLeafJson } from '../../model/index.js';
import { queryOf } from '../../report/query/report-query.js';
import { computeTotals } from '../summary.js';
import type { CheckResult, FolderEntry } from './check-result.js';

/** `selfeval check --format json` (architecture.md contract). */
export interface CheckReportJson {
  report: {
    title: string;
    department: string | null;
    year: number | null;
    statedTotal: number | null;
    computedTotal: number;
    bonus: number | null;
    indicators: IndicatorLeafJson[];
    /** Present (true) when the report was read from a scan by OCR: every figure must be checked against the scan. */
    ocr?: true;
  };
  rubric: { id: string; name: string }; // the rubric used, and why (chosen by indicator match, or forced by --rubric)
  findings: Finding[];
}

export function checkResultToJson(result: CheckResult): CheckReportJson {
  const { report } = result;
  const totals = computeTotals(report);
  const indicators = queryOf(report).leaves().map((leaf) =>
    IndicatorLeafJsonSchema.parse({
      path: leaf.path, name: leaf.name, level: leaf.level, weight: leaf.weight,
      score: leaf.assessed ? leaf.score : null, assessed: leaf.assessed, line: leaf.line,
    }),
  );
  return {
    report: {
      title: report.title,
      department: report.department,
      year: report.year,
      statedTotal: totals.stated,
      computedTotal: totals.computed.toNumber(),
      bonus: report.bonus?.score ?? null,
      indicators,
      ...(report.source.ocr ? { ocr: true as const } : {}),
    },
    rubric: { id: result.rubric.id, name: result.rubric.name },
    findings: result.findings,
  };
}

export function formatJson(result: CheckResult): string {
  return `${JSON.stringify(checkResultToJson(result), null, 2)}\n`;
}

/** Folder check: `{ "files": [ { "file", "report", "findings" } | { "file", "problem" } ] }`. */
export function formatFolderJson(entries: readonly FolderEntry[]): string {
  const files = entries.map(folderJsonFile);
  return `${JSON.stringify({ files }, null, 2)}\n`;
}

/** One file of `check 文件夹 --format json`. */
export function folderJsonFile(e: FolderEntry): object {
  return 'result' in e ? { file: e.file, ...checkResultToJson(e.result) } : { file: e.file, problem: e.problem };
}
