import type { TableCell } from '../model/index.js';

/** A GitHub-style pipe table found in text lines: header, delimiter row, body rows. */
export interface MarkdownTable {
  start: number; // 0-based index of the header line
  end: number; // 0-based index after the last body line
  rows: { line: number; cells: string[] }[]; // line: 0-based index; the delimiter row is left out
}

const DELIMITER_CELL = /^\s*:?-{3,}:?\s*$/;

/** Cells of one pipe-table line: leading/trailing pipe dropped, `\|` kept as a literal pipe. */
export function splitPipeRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|').trim());
}

function isDelimiterRow(line: string): boolean {
  if (!line.includes('-') || !/[|]/.test(line)) return false;
  const cells = splitPipeRow(line);
  return cells.length > 0 && cells.every((cell) => DELIMITER_CELL.test(cell));
}

function isPipeRow(line: string): boolean {
  return /(?<!\\)\|/.test(line) && line.trim() !== '';
}

/** Every pipe table in the lines, in order. A table needs a header line, then a delimiter line. */
export function findMarkdownTables(lines: readonly string[]): MarkdownTable[] {
  const tables: MarkdownTable[] = [];
  for (let i = 0; i + 1 < lines.length; i += 1) {
    const header = lines[i]!;
    if (!isPipeRow(header) || !isDelimiterRow(lines[i + 1]!)) continue;
    const rows = [{ line: i, cells: splitPipeRow(header) }];
    let j = i + 2;
    while (j < lines.length && isPipeRow(lines[j]!) && !isDelimiterRow(lines[j]!)) {
      rows.push({ line: j, cells: splitPipeRow(lines[j]!) });
      j += 1;
    }
    tables.push({ start: i, end: j, rows });
    i = j - 1;
  }
  return tables;
}

export function markdownCells(table: MarkdownTable, tableIndex: number): TableCell[][] {
  const width = Math.max(...table.rows.map((r) => r.cells.length));
  return table.rows.map((row, r) =>
    Array.from({ length: width }, (_, c) => ({
      text: row.cells[c] ?? '',
      location: { line: row.line + 1, table: tableIndex, row: r + 1, column: c + 1 },
    })),
  );
}
