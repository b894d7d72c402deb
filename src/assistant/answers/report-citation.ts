import { basename } from 'node:path';
import type { Report } from '../../model/index.js';
import type { QuotedPassage } from '../guard/number-trace.js';
import type { ReportContext } from '../report-context.js';
import { placeText } from '../../checks/format/place.js';
import { queryOf } from '../../report/query/report-query.js';
import { cutText } from './report-figures.js';

/** The report's file name as a citation source ("自评报告.docx"), never the path it was loaded from. */
export function reportSource(context: Pick<ReportContext, 'name'>): string {
  return basename(context.name.replace(/\\/gu, '/')) || context.name;
}

/** A passage of the loaded report as a structured citation: { source: file name, quote, line } (architecture.md). */
export function reportCitation(context: Pick<ReportContext, 'name'>, line: number, quote: string): QuotedPassage {
  const text = quote.split('\t').map((c) => c.trim()).filter((c) => c !== '').join(' | ');
  return { source: reportSource(context), quote: cutText(text, 160), line };
}

/** Cell text compared loosely: full-width folded, no spaces. */
const loose = (text: string): string => text.normalize('NFKC').replace(/\s+/gu, '');

/**
 * Where a quoted passage of the report is, in the terms of its file — the ones the reply text uses: the cell that holds
 * it ("自评表!H6", "表 1 第 10 行第 6 列", "第 2 页 表 1 第 3 行第 4 列"), else its row, page line or paragraph. Null for
 * a text file, whose "第 N 行" is already its place.
 */
export function quotePlace(report: Report, line: number, quote: string): string | null {
  if (!report.lineLocations?.[line - 1]) return null;
  const query = queryOf(report);
  const row = query.paragraphAt(line);
  const column = row?.cells && row.line === line ? cellColumn(row.text, quote) : undefined;
  const place = placeText(query.locate(line, column), line);
  return place === `第 ${line} 行` ? null : place;
}

/** The 1-based column where the one cell of a row that the quote is (or, failing that, lies in) starts; undefined when none or several. */
function cellColumn(rowText: string, quote: string): number | undefined {
  const wanted = loose(quote.replace(/…$/u, ''));
  if (wanted === '') return undefined;
  const cells = rowText.split('\t');
  const starts = cells.map((_c, i) => cells.slice(0, i).reduce((n, c) => n + c.length + 1, 0));
  for (const fits of [(c: string) => loose(c) === wanted, (c: string) => loose(c).includes(wanted)]) {
    const hits = cells.flatMap((c, i) => (fits(c) ? [i] : []));
    if (hits.length === 1) return starts[hits[0]!]! + 1;
    if (hits.length > 1) return undefined;
  }
  return undefined;
}
