import type { DocumentLocation, Finding, Report } from '../model/index.js';
import { LineLocator } from './query/line-locator.js';
import { queryOf } from './query/report-query.js';

/**
 * Where report line `line` (1-based, the line view) is in the original, as a person finds it: the line of a text file,
 * a paragraph or table row of a .docx, a page line of a PDF, a sheet row of a workbook. With `column` (1-based, in the
 * row's normalised text as figures give it) a table row narrows to its cell ("Sheet 自评表 F9"). See ReportQuery.locate.
 */
export function locateLine(report: Pick<Report, 'lineLocations' | 'paragraphs'>, line: number, column?: number): DocumentLocation | undefined {
  return 'indicators' in report ? queryOf(report as Report).locate(line, column) : new LineLocator(report).locate(line, column);
}

/**
 * Findings with a `location`: the indicator's own row or heading when the finding is about one indicator, else the
 * place of its line (and column). Findings that already have one keep it. A post-step for the check engine's caller.
 */
export function withLocations(findings: readonly Finding[], report: Report): Finding[] {
  const query = queryOf(report);
  return findings.map((finding) => {
    if (finding.location) return finding;
    const own = finding.indicatorId ? query.byId(finding.indicatorId) : undefined;
    const onOwnLine = own?.location && (finding.line === own.line || finding.line === own.scoreLine);
    const location = onOwnLine ? { ...own.location! } : query.locate(finding.line, finding.column);
    // A text file's line says no more than `finding.line` already does: leave such findings as they are.
    const onlyLine = location && Object.keys(location).every((k) => k === 'line' || k === 'column') && location.line === finding.line;
    return location && !onlyLine ? { ...finding, location } : finding;
  });
}
