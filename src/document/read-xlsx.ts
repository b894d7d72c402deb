import type { DocumentLocation, TableCell } from '../model/index.js';
import { buildLineView, type PendingBlock } from './line-view.js';
import { openPackage, packageProblem } from './ooxml-package.js';
import { problem } from './problems.js';
import type { ReadResult } from './read-text.js';
import { cellRef, readSheetXml, type MergeRange } from './xlsx-sheet.js';
import { readWorkbook } from './xlsx-workbook.js';

export const XLSX_LIMITS = { maxSheets: 50, maxRows: 5_000, maxColumns: 256 } as const;

const FORMAT = 'Excel（.xlsx）';

function cellLocation(sheet: string, row: number, column: number): DocumentLocation {
  return { sheet, cell: cellRef(row, column), row, column };
}

/** Every merged range's master text copied into the cells it covers (marked `merged`). */
function resolveMerges(cells: Map<number, Map<number, string>>, merges: readonly MergeRange[]): Set<string> {
  const covered = new Set<string>();
  // a merge reaches no further than the sheet's content (a range like A1:XFD1048576 must not be walked cell by cell)
  const lastRow = Math.max(0, ...cells.keys());
  const lastColumn = Math.max(0, ...[...cells.values()].flatMap((row) => [...row.keys()]));
  for (const range of merges) {
    const master = cells.get(range.top)?.get(range.left) ?? '';
    if (master === '') continue;
    for (let r = range.top; r <= Math.min(range.bottom, lastRow); r += 1) {
      for (let c = range.left; c <= Math.min(range.right, lastColumn); c += 1) {
        if (r === range.top && c === range.left) continue;
        let row = cells.get(r);
        if (!row) {
          row = new Map();
          cells.set(r, row);
        }
        row.set(c, master);
        covered.add(`${r}:${c}`);
      }
    }
  }
  return covered;
}

/** A sheet's cells as a rectangular table block, fully empty rows and columns at the edges dropped. */
function sheetTable(sheet: string, cells: Map<number, Map<number, string>>, covered: Set<string>): PendingBlock | null {
  const rowNumbers = [...cells.keys()].filter((r) => [...cells.get(r)!.values()].some((t) => t !== ''));
  if (rowNumbers.length === 0) return null;
  const columnNumbers = rowNumbers.flatMap((r) => [...cells.get(r)!.keys()]);
  const top = Math.min(...rowNumbers);
  const bottom = Math.max(...rowNumbers);
  const left = Math.min(...columnNumbers);
  const right = Math.max(...columnNumbers);
  const rows: TableCell[][] = [];
  const rowLocations: DocumentLocation[] = [];
  for (let r = top; r <= bottom; r += 1) {
    const row: TableCell[] = [];
    for (let c = left; c <= right; c += 1) {
      const cell: TableCell = { text: cells.get(r)?.get(c) ?? '', location: cellLocation(sheet, r, c) };
      if (covered.has(`${r}:${c}`)) cell.merged = true;
      row.push(cell);
    }
    rows.push(row);
    rowLocations.push({ sheet, row: r });
  }
  return { kind: 'table', rows, name: sheet, location: { sheet }, rowLocations };
}

/**
 * An .xlsx workbook: every worksheet one table block named after the sheet, cells as they display (formula results,
 * rich text joined, percents formatted), merged ranges resolved. Bounded: at most 50 sheets, 5,000 rows with values
 * and 256 columns per sheet; past that the workbook is refused.
 */
export async function readXlsx(name: string, bytes: Uint8Array, limits = XLSX_LIMITS): Promise<ReadResult> {
  const opened = openPackage(bytes, FORMAT);
  if (!opened.ok) return opened;
  try {
    const workbook = await readWorkbook(opened.zip);
    if (workbook.sheets.length > limits.maxSheets) {
      return { ok: false, problem: problem('too-many-sheets', { count: workbook.sheets.length, limit: limits.maxSheets }) };
    }
    const pending: PendingBlock[] = [];
    for (const sheet of workbook.sheets) {
      const xml = opened.zip.chunks(sheet.part);
      if (xml === null) continue;
      const read = await readSheetXml(xml, workbook.parts, limits);
      if (!read.ok) {
        const code = read.reason === 'too-many-rows' ? 'too-many-rows' : 'too-many-columns';
        const limit = read.reason === 'too-many-rows' ? limits.maxRows : limits.maxColumns;
        return { ok: false, problem: problem(code, { sheet: sheet.name, limit }) };
      }
      const covered = resolveMerges(read.cells, read.merges);
      const table = sheetTable(sheet.name, read.cells, covered);
      if (table) pending.push(table);
    }
    const view = buildLineView(pending);
    return { ok: true, document: { name, format: 'xlsx', encoding: 'binary', ...view } };
  } catch (error) {
    return { ok: false, problem: packageProblem(error, FORMAT) };
  }
}
