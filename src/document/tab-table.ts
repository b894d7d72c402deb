import type { TableCell } from '../model/index.js';

/** A table pasted into text from Excel or Word: consecutive lines of tab-separated cells. */
export interface TabTable {
  start: number; // 0-based index of the first line
  end: number; // 0-based index after the last line
}

const MIN_CELLS = 3;
const MIN_ROWS = 2;

function cellCount(line: string): number {
  return line.trim() === '' ? 0 : line.replace(/\t+$/, '').split('\t').length;
}

/** Runs of at least two consecutive lines with at least three tab-separated cells each. */
export function findTabTables(lines: readonly string[]): TabTable[] {
  const tables: TabTable[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    while (j < lines.length && cellCount(lines[j]!) >= MIN_CELLS) j += 1;
    if (j - i >= MIN_ROWS) tables.push({ start: i, end: j });
    i = Math.max(j, i + 1);
  }
  return tables;
}

export function tabCells(lines: readonly string[], table: TabTable, tableIndex: number): TableCell[][] {
  const rows = lines.slice(table.start, table.end).map((line) => line.split('\t').map((cell) => cell.trim()));
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((cells, r) =>
    Array.from({ length: width }, (_, c) => ({
      text: cells[c] ?? '',
      location: { line: table.start + r + 1, table: tableIndex, row: r + 1, column: c + 1 },
    })));
}
