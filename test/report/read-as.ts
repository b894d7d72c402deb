import type { ParseResult, Report } from '../../src/model/index.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { toDocx, toTablePdf, toXlsx, type FixtureItem, type FixtureTable } from '../helpers/report-fixtures.js';

/** The formats a report shape is read from in these tests: a text file (pipe tables), a real .docx, .xlsx and PDF. */
export type Format = 'txt' | 'docx' | 'xlsx' | 'pdf';
export const TABLE_FORMATS: Format[] = ['txt', 'docx', 'xlsx', 'pdf'];

/** A fixture table as a markdown pipe table: merged cells ("^", "<") left empty, as a text file shows them. */
function pipeTable(table: FixtureTable): string[] {
  const width = Math.max(...table.map((r) => r.length));
  const row = (cells: readonly string[]) => `| ${Array.from({ length: width }, (_, c) => (cells[c] === '^' || cells[c] === '<' ? '' : (cells[c] ?? ''))).join(' | ')} |`;
  return [row(table[0]!), `|${' --- |'.repeat(width)}`, ...table.slice(1).map(row)];
}

/** Items written as a file of `format` and read back as a user's file would be (an .xlsx holds only the tables). */
export async function readAs(format: Format, items: readonly FixtureItem[]): Promise<ParseResult> {
  const tables = items.filter((item): item is { table: FixtureTable } => typeof item === 'object' && 'table' in item);
  switch (format) {
    case 'txt': {
      const lines = items.flatMap((item) => (typeof item === 'string' ? [item] : 'heading' in item ? [item.heading] : ['', ...pipeTable(item.table), '']));
      return readReportBytes('report.txt', new TextEncoder().encode(lines.join('\n')));
    }
    case 'docx':
      return readReportBytes('report.docx', await toDocx(items));
    case 'xlsx':
      return readReportBytes('report.xlsx', await toXlsx(tables.map((t, i) => ({ name: `表${i + 1}`, table: t.table }))));
    case 'pdf':
      return readReportBytes('report.pdf', await toTablePdf(items));
  }
}

export function reportOf(result: ParseResult): Report {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('；'));
  return result.report;
}
