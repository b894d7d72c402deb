import type { DocumentLocation, Finding, Report } from '../../model/index.js';

/** A location as a person finds it: "第 125 行", "表 2 第 3 行第 4 列", "第 2 页 表 1 第 3 行", "自评表!F9", "第 12 段". */
export function placeText(location: DocumentLocation | undefined, line: number): string {
  const l = location;
  if (l?.sheet) return l.cell ? `${l.sheet}!${l.cell}` : `${l.sheet}${l.row ? ` 第 ${l.row} 行` : ''}`;
  const page = l?.page ? `第 ${l.page} 页` : '';
  if (l?.table) return `${page ? `${page} ` : ''}表 ${l.table}${l.row ? ` 第 ${l.row} 行` : ''}${l.column ? `第 ${l.column} 列` : ''}`;
  if (page) return `${page}${l?.line ? `第 ${l.line} 行` : ''}`;
  if (l?.paragraph) return `第 ${l.paragraph} 段`;
  return `第 ${l?.line ?? line} 行`;
}

/** Where a finding is, for a person. */
export function placeOf(finding: Finding): string {
  return placeText(finding.location, finding.line);
}

/** Where a line of the report's line view is in the original (a text file's line is itself). */
export function placeOfLine(report: Pick<Report, 'lineLocations'>, line: number): string {
  return placeText(report.lineLocations?.[line - 1], line);
}
