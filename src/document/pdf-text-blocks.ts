import type { DocumentLocation, TableCell } from '../model/index.js';
import type { PendingBlock } from './line-view.js';
import { isPageNumberLine, lineText, type PageLine } from './pdf-lines.js';
import { bandTables, type PageMargins, type RuleBand } from './pdf-rule-bands.js';
import { continuationCells, continued, findPdfTables, headerLike, columnMap, isFigure, type Interval, type PdfTable } from './pdf-tables.js';

/**
 * Text-gap tables and running text of one stretch of a PDF page (the lines outside ruled tables): lines that form
 * columns become tables, a table the previous page ended with is carried on, other lines are paragraphs.
 */

export type TableBlock = Extract<PendingBlock, { kind: 'table' }>;

/** The table a page ended with (nothing but a page number after it), which the next page may continue. */
export interface OpenTable {
  block: TableBlock;
  index: number;
  columns: Interval[];
  xs?: number[]; // column boundaries when the table is ruled (a grid)
  textColumns?: boolean; // a grid without column rules: `xs` from its text gaps (the next page's box may keep them)
  page?: number; // where a ruled table's part on its last page ends
  bottom?: number;
  lastFull?: boolean[]; // per column: the grid's last row's text ran to the cell's edge (it may go on over the break)
  band?: { from: number; to: number }; // a 三线表 open at the bottom: the span of its rules
}

/** Rows of a rebuilt table as cells and row locations, numbered from `firstRow`. */
function tableRows(page: number, index: number, rows: PdfTable['rows'], firstRow: number, lineNumber: (index: number) => number): { cells: TableCell[][]; locations: DocumentLocation[] } {
  return {
    cells: rows.map((row, r) =>
      row.cells.map((text, c) => ({ text, location: { page, line: lineNumber(row.line), table: index, row: firstRow + r, column: c + 1 } }))),
    locations: rows.map((row, r) => ({ page, line: lineNumber(row.line), table: index, row: firstRow + r })),
  };
}

/**
 * Carry a table over a page break: the page's leading lines that write only inside the open table's columns, in
 * cells its last row has text in, are that row's cells wrapped onto this page; a first table right after them with
 * the same columns and no header row continues it (its rows are appended, a repeated header row dropped). Returns
 * the index of the first line left for the page and the table the page's first table continues, if any.
 */
function carryOver(open: OpenTable, lines: readonly PageLine[], furniture: (line: PageLine) => boolean, tables: readonly PdfTable[]): { from: number; continues: boolean; spread: (cells: readonly string[]) => string[] } {
  const last = open.block.rows[open.block.rows.length - 1];
  const firstTable = tables[0];
  let i = 0;
  const wrapped: string[][] = [];
  while (i < lines.length && (firstTable === undefined || i < firstTable.firstLine)) {
    const line = lines[i]!;
    if (furniture(line)) {
      i += 1;
      continue;
    }
    const cells = last ? continuationCells(line, open.columns, last.map((c) => c.text)) : null;
    if (!cells) break;
    wrapped.push(cells);
    i += 1;
  }
  if (last) {
    for (const cells of wrapped) cells.forEach((text, k) => { if (last[k] && text) last[k]!.text = continued(last[k]!.text, text); });
  }
  while (i < lines.length && furniture(lines[i]!) && (firstTable === undefined || i < firstTable.firstLine)) i += 1;
  const map = firstTable !== undefined && firstTable.firstLine === i ? columnMap(open.columns, firstTable.columns) : null;
  const header = open.block.rows[0]?.map((c) => c.text) ?? [];
  const spread = (cells: readonly string[]) => (map ? header.map((_, k) => { const m = map.indexOf(k); return m >= 0 ? cells[m] ?? '' : ''; }) : [...cells]);
  const continues = map !== null && (!headerLike(firstTable!.rows[0]!.cells) || sameCells(spread(firstTable!.rows[0]!.cells), header));
  return { from: i, continues, spread };
}

/**
 * Is the first row of a continuing table the rest of the carried table's last row (a cell wrapped in several columns
 * over the page break)? It fills at most half the columns, only where that row has text, and none of the columns
 * that hold a number in every body row.
 */
export function wrapsLastRow(rows: readonly TableCell[][], cells: readonly string[]): boolean {
  const last = rows[rows.length - 1];
  const body = rows.slice(1);
  if (!last || body.length < 2) return false;
  const numbers = cells.map((_, k) => body.every((row) => isFigure(row[k]?.text ?? '')));
  const filled = cells.filter((c) => c !== '').length;
  return filled > 0 && filled <= cells.length / 2 && cells.every((c, k) => c === '' || ((last[k]?.text ?? '') !== '' && !numbers[k]));
}

export function sameCells(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, k) => text === b[k]);
}

/**
 * The blocks of a stretch of a page's lines (`lineNumber`: a stretch line's 1-based line on the page, for locations):
 * running-text lines as paragraphs, line runs that form columns as tables (between a 三线表's rules, `bands`, the
 * rules bound the table); `open` is a text table it may carry on.
 */
export function textBlocks(page: number, lines: readonly PageLine[], lineNumber: (index: number) => number, pageHeight: number, tableCount: { value: number }, open: OpenTable | null, { bands = [], margins = {} }: { bands?: readonly RuleBand[]; margins?: PageMargins } = {}): { blocks: PendingBlock[]; open: OpenTable | null } {
  const blocks: PendingBlock[] = [];
  // the running header and footer (above and below their rules) are read as text but end no table
  const running = (line: PageLine) => (margins.header !== undefined && line.y > margins.header) || (margins.footer !== undefined && line.y < margins.footer);
  const furniture = (line: PageLine) => isPageNumberLine(line, pageHeight) || running(line);
  const carriedBand = open && !open.xs && open.band ? { ...open.band, columns: open.columns } : undefined;
  const tables = findPdfTables(lines, bandTables(lines, bands, furniture, carriedBand));
  const carried = open && !open.xs ? carryOver(open, lines, furniture, tables) : { from: 0, continues: false, spread: (cells: readonly string[]) => [...cells] };
  let next = 0;
  let trailing: OpenTable | null = open; // kept when the stretch holds nothing but page numbers
  for (let i = carried.from; i < lines.length; i += 1) {
    const table = tables[next];
    if (table && table.firstLine === i) {
      next += 1;
      if (next === 1 && carried.continues && open) {
        const block = open.block;
        const header = block.rows[0]?.map((c) => c.text) ?? [];
        const spread = table.rows.map((row) => ({ line: row.line, cells: carried.spread(row.cells) }));
        let rows = sameCells(spread[0]!.cells, header) ? spread.slice(1) : spread;
        const last = block.rows[block.rows.length - 1];
        if (last && rows[0] && wrapsLastRow(block.rows, rows[0].cells)) {
          rows[0].cells.forEach((text, k) => { if (last[k] && text) last[k]!.text = continued(last[k]!.text, text); });
          rows = rows.slice(1);
        }
        const { cells, locations } = tableRows(page, open.index, rows, block.rows.length + 1, lineNumber);
        block.rows.push(...cells);
        block.rowLocations.push(...locations);
        trailing = { block, index: open.index, columns: table.columns.length === open.columns.length ? table.columns : open.columns, ...(table.band ? { band: table.band } : {}) };
      } else {
        tableCount.value += 1;
        const index = tableCount.value;
        const { cells, locations } = tableRows(page, index, table.rows, 1, lineNumber);
        const block: TableBlock = { kind: 'table', rows: cells, name: null, location: { page, table: index }, rowLocations: locations };
        blocks.push(block);
        trailing = { block, index, columns: table.columns, ...(table.band ? { band: table.band } : {}) };
      }
      i = table.lastLine;
      continue;
    }
    const line = lines[i]!;
    if (isPageNumberLine(line, pageHeight)) continue;
    const text = lineText(line);
    if (text !== '') {
      blocks.push({ kind: 'paragraph', text, location: { page, line: lineNumber(i) } });
      if (!running(line)) trailing = null;
    }
  }
  return { blocks, open: trailing };
}
