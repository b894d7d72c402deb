import type { DocumentLocation, TableCell } from '../model/index.js';
import { buildLineView, type PendingBlock } from './line-view.js';
import { isPageNumberLine, lineText, pageLines, type PageLine, type TextPiece } from './pdf-lines.js';
import { continuationCells, continued, findPdfTables, headerLike, columnMap, type Interval, type PdfTable } from './pdf-tables.js';
import { problem } from './problems.js';
import type { ReadResult } from './read-text.js';

/** Fewer visible characters than this in the whole file: no text layer (a scan). */
const MIN_TEXT = 20;

interface PdfItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/** A pdf.js text item as a piece in page space; rotated text (watermarks, stamps) is left out. */
function pieceOf(item: PdfItem): TextPiece | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform ?? [];
  if (typeof item.str !== 'string' || item.str.trim() === '') return null;
  if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) return null;
  const size = Math.hypot(c, d) || item.height || 10;
  return { text: item.str, x: e, y: f, width: item.width ?? 0, size };
}

type TableBlock = Extract<PendingBlock, { kind: 'table' }>;

/** The table a page ended with (nothing but a page number after it), which the next page may continue. */
interface OpenTable {
  block: TableBlock;
  index: number;
  columns: Interval[];
}

/** Rows of a rebuilt table as cells and row locations, numbered from `firstRow`. */
function tableRows(page: number, index: number, rows: PdfTable['rows'], firstRow: number): { cells: TableCell[][]; locations: DocumentLocation[] } {
  return {
    cells: rows.map((row, r) =>
      row.cells.map((text, c) => ({ text, location: { page, line: row.line + 1, table: index, row: firstRow + r, column: c + 1 } }))),
    locations: rows.map((row, r) => ({ page, line: row.line + 1, table: index, row: firstRow + r })),
  };
}

/**
 * Carry a table over a page break: the page's leading lines that write only inside the open table's columns, in
 * cells its last row has text in, are that row's cells wrapped onto this page; a first table right after them with
 * the same columns and no header row continues it (its rows are appended, a repeated header row dropped). Returns
 * the index of the first line left for the page and the table the page's first table continues, if any.
 */
function carryOver(open: OpenTable, lines: readonly PageLine[], pageHeight: number, tables: readonly PdfTable[]): { from: number; continues: boolean; spread: (cells: readonly string[]) => string[] } {
  const last = open.block.rows[open.block.rows.length - 1];
  const firstTable = tables[0];
  let i = 0;
  const wrapped: string[][] = [];
  while (i < lines.length && (firstTable === undefined || i < firstTable.firstLine)) {
    const line = lines[i]!;
    if (isPageNumberLine(line, pageHeight)) {
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
  while (i < lines.length && isPageNumberLine(lines[i]!, pageHeight) && (firstTable === undefined || i < firstTable.firstLine)) i += 1;
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
function wrapsLastRow(rows: readonly TableCell[][], cells: readonly string[]): boolean {
  const last = rows[rows.length - 1];
  const body = rows.slice(1);
  if (!last || body.length < 2) return false;
  const numbers = cells.map((_, k) => body.every((row) => /^[-+]?\d+(?:\.\d+)?%?$/.test(row[k]?.text ?? '')));
  const filled = cells.filter((c) => c !== '').length;
  return filled > 0 && filled <= cells.length / 2 && cells.every((c, k) => c === '' || ((last[k]?.text ?? '') !== '' && !numbers[k]));
}

function sameCells(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, k) => text === b[k]);
}

/** One page's blocks: running-text lines as paragraphs, line runs that form columns as tables. */
function pageBlocks(page: number, lines: readonly PageLine[], pageHeight: number, tableCount: { value: number }, open: OpenTable | null): { blocks: PendingBlock[]; open: OpenTable | null } {
  const blocks: PendingBlock[] = [];
  const tables = findPdfTables(lines);
  const carried = open ? carryOver(open, lines, pageHeight, tables) : { from: 0, continues: false, spread: (cells: readonly string[]) => [...cells] };
  let next = 0;
  let trailing: OpenTable | null = null;
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
        const { cells, locations } = tableRows(page, open.index, rows, block.rows.length + 1);
        block.rows.push(...cells);
        block.rowLocations.push(...locations);
        trailing = { block, index: open.index, columns: table.columns.length === open.columns.length ? table.columns : open.columns };
      } else {
        tableCount.value += 1;
        const index = tableCount.value;
        const { cells, locations } = tableRows(page, index, table.rows, 1);
        const block: TableBlock = { kind: 'table', rows: cells, name: null, location: { page, table: index }, rowLocations: locations };
        blocks.push(block);
        trailing = { block, index, columns: table.columns };
      }
      i = table.lastLine;
      continue;
    }
    const line = lines[i]!;
    if (isPageNumberLine(line, pageHeight)) continue;
    const text = lineText(line);
    if (text !== '') {
      blocks.push({ kind: 'paragraph', text, location: { page, line: i + 1 } });
      trailing = null;
    }
  }
  return { blocks, open: trailing };
}

/**
 * A PDF with a text layer: text items grouped into lines by baseline and ordered by x, tables rebuilt from column
 * gaps, page numbers alone on a line dropped. No text layer → `pdf-no-text`; unreadable → thrown (corrupt-file).
 */
export async function readPdf(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const blocks: PendingBlock[] = [];
    const tableCount = { value: 0 };
    let open: OpenTable | null = null;
    let characters = 0;
    for (let p = 1; p <= pdf.numPages; p += 1) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const pieces = (content.items as PdfItem[]).map(pieceOf).filter((piece): piece is TextPiece => piece !== null);
      characters += pieces.reduce((n, piece) => n + piece.text.replace(/\s/g, '').length, 0);
      const [, bottom = 0, , top = 842] = page.view;
      const lines = pageLines(pieces.map((piece) => ({ ...piece, y: piece.y - bottom })));
      const read = pageBlocks(p, lines, top - bottom, tableCount, open);
      blocks.push(...read.blocks);
      open = read.open;
      page.cleanup();
    }
    if (characters < MIN_TEXT) return { ok: false, problem: problem('pdf-no-text') };
    return { ok: true, document: { name, format: 'pdf', encoding: 'binary', ...buildLineView(blocks) } };
  } finally {
    await pdf.destroy();
  }
}
