import { basename } from 'node:path';
import type { QuotedPassage } from '../guard/number-trace.js';
import type { ReportContext } from '../report-context.js';
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
