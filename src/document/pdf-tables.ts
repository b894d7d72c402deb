import { SEGMENT_GAP, type PageLine, type Segment } from './pdf-lines.js';

/** A table rebuilt from a run of page lines: rows of cell texts, each row with the index of its first line. */
export interface PdfTable {
  firstLine: number; // index into the page's lines
  lastLine: number; // inclusive
  rows: { line: number; cells: string[] }[];
  columns: Interval[]; // x-span of each column's text, left to right
  band?: { from: number; to: number }; // a 三线表 open at the bottom (no rule under it): its rules' span
}

export interface Interval {
  x0: number;
  x1: number;
}

const MIN_ROWS = 3;
const MIN_COLUMNS = 3;

/** Column spans of a set of lines: the x-ranges covered by any segment, split at the gaps all lines share. */
export function columnsOf(lines: readonly PageLine[]): Interval[] {
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

export interface LineCells {
  texts: string[];
  reach: number[]; // right edge of the text in each column (-Infinity where empty)
}

export function cellsOf(line: PageLine, columns: readonly Interval[]): LineCells {
  const texts = columns.map(() => '');
  const reach = columns.map(() => Number.NEGATIVE_INFINITY);
  for (const segment of line.segments) {
    const c = columnOf(segment, columns);
    if (c < 0) continue;
    texts[c] = texts[c] ? `${texts[c]} ${segment.text}` : segment.text;
    reach[c] = Math.max(reach[c]!, segment.x1);
  }
  return { texts, reach };
}

const NUMBER = /^[-+]?\d+(?:\.\d+)?%?$/;
/** A figure written with its unit in the cell ("10分", "0.5分"), as a Sichuan-style 评分表 writes weights and scores. */
const SCORE = /^[-+]?\d+(?:\.\d+)?分$/u;

/** A figure cell: a bare number or rate ("10", "9.5", "96%"), or a score with its unit ("9.5分"). */
export function isFigure(text: string): boolean {
  return NUMBER.test(text) || SCORE.test(text);
}

/**
 * Does a line bring figures a wrapped cell never continues with: a bare number, or scores with their unit in two cells
 * or more (one "0.5分" alone may be the end of a wrapped standard, "…每低1个百分点扣" / "0.5分")?
 */
function bringsFigures(texts: readonly string[]): boolean {
  return texts.some((c) => NUMBER.test(c)) || texts.filter((c) => SCORE.test(c)).length >= 2;
}

/** Text of a cell continued on the next line: Chinese wraps without a space, Latin words and numbers with one. */
export function continued(left: string, right: string): string {
  if (left === '') return right;
  if (right === '') return left;
  return /[A-Za-z0-9]$/.test(left) && /^[A-Za-z0-9]/.test(right) ? `${left} ${right}` : left + right;
}

export interface OpenRow {
  line: number;
  cells: string[];
  reach: number[];
  y: number;
}

/**
 * Can `line` continue the row above? Every column it writes in must either hold text that ran to the column's right
 * edge on the line before (so it wrapped), or be empty with `line` less than a line below (a label centred
 * vertically across the row).
 */
function continues(row: OpenRow, line: PageLine, cells: LineCells, columns: readonly Interval[]): boolean {
  return cells.texts.every((text, k) => {
    if (text === '') return true;
    if (row.cells[k] === '') return row.y - line.y < 1.1 * line.size;
    return row.reach[k]! >= columns[k]!.x1 - 2 * line.size;
  });
}

/**
 * Columns that hold a figure (a weight, a score: "10", "9.5分") in every row below the first, once there are two such rows:
 * each new row writes in them.
 */
function numberColumns(rows: readonly OpenRow[]): number[] {
  const body = rows.slice(1);
  if (body.length < 2) return [];
  return body[0]!.cells.flatMap((_, k) => (body.every((row) => isFigure(row.cells[k] ?? '')) ? [k] : []));
}

/**
 * Does a line only carry on cells of the row above, even where they did not visibly run to the column's edge (the
 * word processor wrapped before a number or a sign that would not fit)? It writes only in cells the row has text in,
 * at most half the columns, and in none of the columns every row fills with a number.
 */
function wrapsOnly(rows: readonly OpenRow[], texts: readonly string[]): boolean {
  const previous = rows[rows.length - 1];
  const numbers = numberColumns(rows);
  if (!previous || numbers.length === 0) return false;
  const filled = texts.filter((c) => c !== '').length;
  return filled > 0 && filled <= texts.length / 2
    && texts.every((c, k) => c === '' || (previous.cells[k] !== '' && !numbers.includes(k)));
}

/**
 * Rows of a table run and how many of its lines they use. A line that holds no bare number and only continues cells
 * that wrapped joins the row above (a line that also fills empty cells must fill fewer than half of the columns,
 * unless it is under the header row); a line of one segment that cannot continue ends the table (it is the paragraph
 * after it) unless the run is `closed` (its extent is known from rules drawn above and below); any other line starts
 * a row. `header`: a header row already read (from the lines above a 三线表's header rule).
 */
export function tableRows(lines: readonly PageLine[], first: number, columns: readonly Interval[], { closed = false, header }: { closed?: boolean; header?: OpenRow } = {}): { rows: PdfTable['rows']; used: number } {
  const rows: OpenRow[] = header ? [header] : [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const cells = cellsOf(line, columns);
    const filled = cells.texts.filter((c) => c !== '').length;
    const previous = rows[rows.length - 1];
    // a wrapped cell never continues with a bare number; a header row (the first) may wrap in most of its columns
    const bringsNumber = bringsFigures(cells.texts);
    const onlyWraps = previous !== undefined && cells.texts.every((c, k) => c === '' || previous.cells[k] !== '');
    const few = filled < columns.length / 2 || rows.length === 1 || onlyWraps;
    // a header row read from above a 三线表's header rule is whole: nothing below the rule joins it
    if (previous && previous !== header && ((few && !bringsNumber && continues(previous, line, cells, columns)) || wrapsOnly(rows, cells.texts))) {
      previous.cells = previous.cells.map((c, k) => continued(c, cells.texts[k] ?? ''));
      previous.reach = previous.reach.map((r, k) => (cells.texts[k] ? cells.reach[k]! : r));
      previous.y = line.y;
    } else if (previous && line.segments.length < 2 && !closed) {
      break;
    } else {
      rows.push({ line: first + i, cells: cells.texts, reach: cells.reach, y: line.y });
    }
    used = i + 1;
  }
  return { rows: rows.map(({ line, cells }) => ({ line, cells })), used };
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
 * Does `next` keep the run's columns? The second line may be split where the first (a header with a cell spanning
 * several columns) is not; after it, no line may close a gap the body lines leave free nor split one of their
 * columns: a line that does is the start of a differently shaped table, or the paragraph after this one.
 */
function keepsColumns(run: readonly PageLine[], next: PageLine): boolean {
  if (run.length === 1) {
    const both = columnsOf([run[0]!, next]).length;
    const alone = columnsOf([next]).length;
    return next.segments.length >= 2 ? Math.max(both, alone) >= MIN_COLUMNS : both >= columnsOf(run).length && both >= MIN_COLUMNS;
  }
  const body = run.slice(1);
  const bodyColumns = columnsOf(body);
  const after = columnsOf([...body, next]).length;
  // two segments of `next` inside one body column: a finer grid begins (another part of the form)
  const splits = bodyColumns.some((c) => next.segments.filter((s) => s.x0 >= c.x0 - 1 && s.x1 <= c.x1 + 1).length >= 2);
  return !splits && after >= bodyColumns.length && Math.max(after, columnsOf(run).length) >= MIN_COLUMNS;
}

/** The run's columns: the body's when the header line spans some of them, else those every line leaves apart. */
function runColumns(run: readonly PageLine[]): Interval[] {
  const all = columnsOf(run);
  const body = run.slice(1);
  if (body.filter((l) => l.segments.length >= 2).length < 2) return all;
  const bodyColumns = columnsOf(body);
  return bodyColumns.length > all.length ? bodyColumns : all;
}

/**
 * Tables on one page: runs of at least three consecutive lines whose segments fall into at least three consistent
 * x-columns (the column boundaries are the gaps every line of the run leaves free). `reserved`: tables already found
 * another way (三线表 between drawn rules), returned among the others; no run reaches into them.
 */
export function findPdfTables(lines: readonly PageLine[], reserved: readonly PdfTable[] = []): PdfTable[] {
  const tables: PdfTable[] = [...reserved];
  let i = 0;
  while (i < lines.length) {
    const inside = reserved.find((t) => i >= t.firstLine && i <= t.lastLine);
    if (inside) {
      i = inside.lastLine + 1;
      continue;
    }
    if (lines[i]!.segments.length < 2) {
      i += 1;
      continue;
    }
    const stop = Math.min(lines.length, ...reserved.filter((t) => t.firstLine > i).map((t) => t.firstLine));
    const run: PageLine[] = [lines[i]!];
    let j = i + 1;
    while (j < stop && closeEnough(lines[j - 1]!, lines[j]!) && keepsColumns(run, lines[j]!)) {
      run.push(lines[j]!);
      j += 1;
    }
    const columns = runColumns(run);
    const multi = run.filter((l) => l.segments.length >= 2).length;
    if (columns.length >= MIN_COLUMNS && multi >= MIN_ROWS) {
      const { rows, used } = tableRows(run, i, columns);
      if (rows.length >= MIN_ROWS) {
        tables.push({ firstLine: i, lastLine: i + used - 1, rows, columns });
        i += used;
        continue;
      }
    }
    i += 1;
  }
  return tables.sort((a, b) => a.firstLine - b.firstLine);
}

/**
 * The cell texts of a line that continues, at the top of a page, the last row of a table the page before ended with:
 * every segment lies inside one of the table's columns, and only in a column where that row has text (a cell wrapped
 * over the page break). Null when the line is not such a continuation.
 */
export function continuationCells(line: PageLine, columns: readonly Interval[], lastRow: readonly string[]): string[] | null {
  if (line.segments.length === 0 || line.segments.length > columns.length / 2 + 0.5) return null;
  const texts = columns.map(() => '');
  const slack = 0.5 * line.size;
  for (const segment of line.segments) {
    const k = columns.findIndex((c) => segment.x0 >= c.x0 - slack && segment.x1 <= c.x1 + slack);
    if (k < 0 || texts[k] !== '' || (lastRow[k] ?? '') === '') return null;
    texts[k] = segment.text;
  }
  return texts;
}

/**
 * Where the columns of a table continued on the next page sit in the carried table's columns: for each of `next`'s
 * columns the index of the one carried column it overlaps, left to right. A column left empty on the new page (a
 * merged label column) is missing from `next`, so it may have fewer columns, never more. Null when they do not line up.
 */
export function columnMap(carried: readonly Interval[], next: readonly Interval[]): number[] | null {
  if (next.length > carried.length || next.length < MIN_COLUMNS) return null;
  const map: number[] = [];
  for (const column of next) {
    const overlapping = carried.flatMap((c, k) => (column.x0 < c.x1 && column.x1 > c.x0 ? [k] : []));
    if (overlapping.length !== 1) return null;
    const k = overlapping[0]!;
    if (map.length > 0 && k <= map[map.length - 1]!) return null;
    map.push(k);
  }
  return map;
}

/** A header row: every cell filled and none holds a digit (body rows carry weights and scores). */
export function headerLike(cells: readonly string[]): boolean {
  return cells.every((c) => c !== '' && !/\d/.test(c));
}
