import type { DocumentLocation, Finding, Paragraph, Report } from '../model/index.js';
import { allIndicatorsOf } from './indicator-walk.js';

/** Table-row paragraphs (with cells) by first line, the first in report order per line; built once per paragraphs array. */
const cellRowIndexes = new WeakMap<readonly Paragraph[], Map<number, Paragraph>>();

function cellRowsOf(paragraphs: readonly Paragraph[]): Map<number, Paragraph> {
  let index = cellRowIndexes.get(paragraphs);
  if (!index) {
    index = new Map();
    for (const p of paragraphs) if (p.cells !== undefined && !index.has(p.line)) index.set(p.line, p);
    cellRowIndexes.set(paragraphs, index);
  }
  return index;
}

/**
 * Where report line `line` (1-based, the line view) is in the original, as a person finds it: the line of a text file,
 * a paragraph or table row of a .docx, a page line of a PDF, a sheet row of a workbook. With `column` (1-based, in the
 * row's normalised text as figures give it) a table row narrows to its cell ("Sheet 自评表 F9").
 */
export function locateLine(report: Pick<Report, 'lineLocations' | 'paragraphs'>, line: number, column?: number): DocumentLocation | undefined {
  const location = report.lineLocations?.[line - 1];
  if (!location) return undefined;
  if (column === undefined) return { ...location };
  const row = cellRowsOf(report.paragraphs).get(line);
  if (!row?.cells) return { ...location };
  const cell = row.text.slice(0, Math.max(0, column - 1)).split('\t').length - 1;
  return { ...(row.cells[cell] ?? location) };
}

/**
 * Findings with a `location`: the indicator's own row or heading when the finding is about one indicator, else the
 * place of its line (and column). Findings that already have one keep it. A post-step for the check engine's caller.
 */
export function withLocations(findings: readonly Finding[], report: Report): Finding[] {
  const byId = new Map(allIndicatorsOf(report.indicators).map((node) => [node.id, node]));
  return findings.map((finding) => {
    if (finding.location) return finding;
    const own = finding.indicatorId ? byId.get(finding.indicatorId) : undefined;
    const onOwnLine = own?.location && (finding.line === own.line || finding.line === own.scoreLine);
    const location = onOwnLine ? { ...own.location! } : locateLine(report, finding.line, finding.column);
    // A text file's line says no more than `finding.line` already does: leave such findings as they are.
    const onlyLine = location && Object.keys(location).every((k) => k === 'line' || k === 'column') && location.line === finding.line;
    return location && !onlyLine ? { ...finding, location } : finding;
  });
}
