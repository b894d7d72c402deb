import type { DocumentLocation, TableCell } from '../model/index.js';
import type { GridCell, GridTable } from './pdf-grid.js';
import { continued } from './pdf-tables.js';
import { headerLike } from './pdf-tables.js';
import { sameCells, wrapsLastRow, type OpenTable, type TableBlock } from './pdf-text-blocks.js';

/** Column boundaries this close (points) line up. */
const ALIGN = 4;

/** Rows of a ruled table as cells and row locations, numbered from `firstRow`; `lines[r]`: the page line row r starts on. */
function cellsOf(page: number, index: number, rows: readonly GridCell[][], firstRow: number, lines: readonly (number | undefined)[]): { cells: TableCell[][]; locations: DocumentLocation[] } {
  const at = (r: number) => ({ page, ...(lines[r] !== undefined ? { line: lines[r] } : {}), table: index, row: firstRow + r });
  return {
    cells: rows.map((row, r) => row.map((cell, c) => ({
      text: cell.text,
      location: { ...at(r), column: c + 1 },
      ...(cell.merged ? { merged: true } : {}),
    }))),
    locations: rows.map((_, r) => at(r)),
  };
}

/** Ruled tables this close (points) one below the other on a page are one table drawn in pieces. */
const ADJACENT = 24;

function fullness(grid: GridTable): boolean[] {
  return (grid.rows[grid.rows.length - 1] ?? []).map((cell) => cell.full === true);
}

/** Do a ruled table's columns line up with the ruled table a page ended with? */
function linesUp(open: OpenTable, grid: GridTable): boolean {
  const xs = open.xs;
  return xs !== undefined && xs.length === grid.xs.length && xs.every((x, k) => Math.abs(x - grid.xs[k]!) <= ALIGN);
}

/** How many leading rows of `rows` repeat the carried table's leading rows (a header printed again on the new page). */
function repeatedHeader(block: TableBlock, rows: readonly GridCell[][]): number {
  let n = 0;
  while (n < rows.length - 1 && n < block.rows.length && n < 6 && sameCells(rows[n]!.map((c) => c.text), block.rows[n]!.map((c) => c.text))) n += 1;
  return n;
}

/**
 * A ruled table as a block, or its rows appended to the ruled table the previous page ended with when it is the first
 * thing on the page and its columns line up: a repeated header is dropped, and the row cut by the page break is put
 * back together (an empty strip is dropped; a strip that only carries on cells of the last row joins them).
 */
export function gridBlock(page: number, grid: GridTable, lines: readonly (number | undefined)[], tableCount: { value: number }, open: OpenTable | null, first: boolean): { block: TableBlock | null; open: OpenTable } {
  const near = open !== null && (open.page !== page || (open.bottom !== undefined && open.bottom - grid.top <= ADJACENT));
  const header = open?.block.rows[0]?.map((c) => c.text) ?? [];
  const own = grid.rows[0]!.map((c) => c.text);
  const newHeader = headerLike(own) && !sameCells(own, header);
  if (first && open && near && !newHeader && linesUp(open, grid)) {
    const block = open.block;
    const skip = repeatedHeader(block, grid.rows);
    let rows = grid.rows.slice(skip);
    let rowLines = lines.slice(skip);
    const last = block.rows[block.rows.length - 1];
    const head = rows[0];
    if (last && head) {
      const texts = head.map((c) => c.text);
      const cut = texts.every((t) => t === '') ? rows.length > 1
        : wrapsLastRow(block.rows, texts) && texts.every((t, k) => t === '' || open.lastFull?.[k] === true);
      if (cut) {
        texts.forEach((text, k) => { if (last[k] && text) last[k]!.text = continued(last[k]!.text, text); });
        rows = rows.slice(1);
        rowLines = rowLines.slice(1);
      }
    }
    const { cells, locations } = cellsOf(page, open.index, rows, block.rows.length + 1, rowLines);
    block.rows.push(...cells);
    block.rowLocations.push(...locations);
    return { block: null, open: { ...open, page, bottom: grid.bottom, lastFull: rows.length > 0 ? fullness(grid) : open.lastFull } };
  }
  tableCount.value += 1;
  const index = tableCount.value;
  const { cells, locations } = cellsOf(page, index, grid.rows, 1, lines);
  const block: TableBlock = { kind: 'table', rows: cells, name: null, location: { page, table: index }, rowLocations: locations };
  return { block, open: { block, index, columns: [], xs: grid.xs, ...(grid.textColumns ? { textColumns: true } : {}), page, bottom: grid.bottom, lastFull: fullness(grid) } };
}
