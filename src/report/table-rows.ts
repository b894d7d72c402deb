import type { Document, DocumentLocation, Paragraph, TableBlock } from '../model/index.js';
import { normalizeLine } from './normalize-line.js';

/** Most rows of one table we read; longer tables are read up to here and the rest reported as a problem. */
export const MAX_TABLE_ROWS = 2000;
/** Most tables (or sheets) of one document we read. */
export const MAX_TABLES = 50;

/** A table's rows as normalised cell texts, with each row's line in the report's line view. */
export interface TableView {
  block: TableBlock;
  index: number; // 1-based among the document's tables
  texts: string[][]; // normalised cell texts (merged cells repeat the master's text)
  lines: number[]; // report line of each row
}

/** A cell's text as one normalised line: breaks inside a cell joined, full-width digits, brackets unified. */
export function cellText(raw: string): string {
  return normalizeLine(raw.replace(/[ \t]*[\r\n]+[ \t]*/gu, ' '));
}

/** The report line of row `r`: the text line it is on for txt/md pipe tables, else one line per row after the table's first. */
function rowLine(document: Pick<Document, 'format'>, block: TableBlock, r: number): number {
  const own = block.rows[r]?.[0]?.location.line;
  if ((document.format === 'txt' || document.format === 'md') && own !== undefined) return own;
  return block.line + r;
}

export function tableViews(document: Pick<Document, 'format' | 'blocks'>): TableView[] {
  const tables = document.blocks.filter((b): b is TableBlock => b.kind === 'table').slice(0, MAX_TABLES);
  return tables.map((block, i) => {
    const rows = block.rows.slice(0, MAX_TABLE_ROWS);
    return {
      block,
      index: i + 1,
      texts: rows.map((cells) => cells.map((cell) => cellText(cell.text))),
      lines: rows.map((_, r) => rowLine(document, block, r)),
    };
  });
}

/** Every report line a table occupies (for txt/md also the pipe table's delimiter line). */
export function tableLines(view: TableView): number[] {
  if (view.lines.length === 0) return [];
  const first = view.lines[0]!;
  const last = view.lines[view.lines.length - 1]!;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * A row as a paragraph for figures and quotes: each cell's normalised text joined by tabs, merged copies left empty so
 * that the n-th tab still separates column n from n + 1.
 */
export function rowParagraph(view: TableView, r: number, sectionPath: string[]): Paragraph {
  const cells = view.block.rows[r] ?? [];
  const text = cells.map((cell, c) => (cell.merged ? '' : view.texts[r]![c]!)).join('\t');
  const line = view.lines[r]!;
  return { text, line, endLine: line, sectionPath, segments: [{ line, offset: 0 }], cells: cells.map((cell) => ({ ...cell.location })) };
}

/** Where a row is, as a person finds it: the location of its indicator-name cell (or first cell). */
export function rowLocation(view: TableView, r: number, column = 0): DocumentLocation {
  const cell = view.block.rows[r]?.[column] ?? view.block.rows[r]?.[0];
  return cell ? { ...cell.location } : { ...view.block.location };
}

/** The first number in a cell ("95%" → "95", "10分" → "10"), as written; null when there is none. */
export function numberText(text: string): string | null {
  const m = /-?\d+(?:\.\d+)?/u.exec(text.replace(/,(?=\d{3})/gu, ''));
  return m ? m[0].replace(/^(-?)0+(?=\d)/u, '$1') : null;
}
