import { SEGMENT_GAP, type PageLine, type Segment } from './pdf-lines.js';

/** A table rebuilt from a run of page lines: rows of cell texts, each row with the index of its first line. */
export interface PdfTable {
  firstLine: number; // index into the page's lines
  lastLine: number; // inclusive
  rows: { line: number; cells: string[] }[];
}

interface Interval {
  x0: number;
  x1: number;
}

const MIN_ROWS = 3;
const MIN_COLUMNS = 3;

/** Column spans of a set of lines: the x-ranges covered by any segment, split at the gaps all lines share. */
function columnsOf(lines: readonly PageLine[]): Interval[] {
  const spans = lines.flatMap((l) => l.segments.map((s) => ({ x0: s.x0, x1: s.x1 }))).sort((a, b) => a.x0 - b.x0);
  const size = Math.min(...lines.map((l) => l.size));
  const columns: Interval[] = [];
  for (const span of spans) {
    const last = columns[columns.length - 1];
    if (last && span.x0 - last.x1 < SEGMENT_GAP * size) last.x1 = Math.max(last.x1, span.x1);
    else columns.push({ ...span });
  }
  return columns;
}

function columnOf(segment: Segment, columns: readonly Interval[]): number {
  const center = (segment.x0 + segment.x1) / 2;
  const inside = columns.findIndex((c) => center >= c.x0 && center <= c.x1);
  if (inside >= 0) return inside;
  return columns.findIndex((c) => segment.x0 < c.x1 && segment.x1 > c.x0);
}

function cellsOf(line: PageLine, columns: readonly Interval[]): string[] {
  const cells = columns.map(() => '');
  for (const segment of line.segments) {
    const c = columnOf(segment, columns);
    if (c >= 0) cells[c] = cells[c] ? `${cells[c]} ${segment.text}` : segment.text;
  }
  return cells;
}

const NUMBER = /^[-+]?\d+(?:\.\d+)?%?$/;

/** Text of a cell continued on the next line: Chinese wraps without a space, Latin words and numbers with one. */
function continued(left: string, right: string): string {
  if (left === '') return right;
  if (right === '') return left;
  return /[A-Za-z0-9]$/.test(left) && /^[A-Za-z0-9]/.test(right) ? `${left} ${right}` : left + right;
}

/**
 * Rows of a table run. A line that fills fewer than half of the columns and brings no second number into a number
 * column continues the row above (a cell wrapped over two lines); any other line starts a row.
 */
function tableRows(lines: readonly PageLine[], first: number, columns: readonly Interval[]): PdfTable['rows'] {
  const rows: PdfTable['rows'] = [];
  lines.forEach((line, i) => {
    const cells = cellsOf(line, columns);
    const filled = cells.filter((c) => c !== '').length;
    const previous = rows[rows.length - 1];
    const secondNumber = previous !== undefined && cells.some((c, k) => NUMBER.test(c) && NUMBER.test(previous.cells[k] ?? ''));
    if (previous && filled < columns.length / 2 && !secondNumber) {
      previous.cells = previous.cells.map((c, k) => continued(c, cells[k] ?? ''));
    } else {
      rows.push({ line: first + i, cells });
    }
  });
  return rows;
}

/**
 * Is `next` near enough below `previous` to be in the same table? A new row may sit a row's padding lower; a line
 * with one segment must be at a wrapped line's distance (else it is the paragraph after the table).
 */
function closeEnough(previous: PageLine, next: PageLine): boolean {
  const size = Math.max(previous.size, next.size);
  return previous.y - next.y <= (next.segments.length >= 2 ? 3 : 1.7) * size;
}

/**
 * Tables on one page: runs of at least three consecutive lines whose segments fall into at least three consistent
 * x-columns (the column boundaries are the gaps every line of the run leaves free).
 */
export function findPdfTables(lines: readonly PageLine[]): PdfTable[] {
  const tables: PdfTable[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.segments.length < 2) {
      i += 1;
      continue;
    }
    const run: PageLine[] = [lines[i]!];
    let columns = columnsOf(run);
    let j = i + 1;
    while (j < lines.length && closeEnough(lines[j - 1]!, lines[j]!)) {
      const next = lines[j]!;
      const widened = columnsOf([...run, next]);
      // a row may close at most one gap (a cell spanning two columns); a one-segment line (a wrapped cell) none
      const keeps = widened.length >= MIN_COLUMNS
        && widened.length >= columns.length - (next.segments.length >= 2 ? 1 : 0);
      if (!keeps) break;
      run.push(next);
      columns = widened;
      j += 1;
    }
    const multi = run.filter((l) => l.segments.length >= 2).length;
    if (columns.length >= MIN_COLUMNS && multi >= MIN_ROWS) {
      const rows = tableRows(run, i, columns);
      if (rows.length >= 2) {
        tables.push({ firstLine: i, lastLine: j - 1, rows });
        i = j;
        continue;
      }
    }
    i += 1;
  }
  return tables;
}
