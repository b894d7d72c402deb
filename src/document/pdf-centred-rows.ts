import type { PageLine } from './pdf-lines.js';
import { cellsOf, continued, type Interval, type PdfTable } from './pdf-tables.js';

/**
 * Rows of a table without row rules whose cells are centred vertically (WPS templates centre them): a one-line cell
 * sits halfway down its row, a wrapped 评分标准 starts above it and ends below it, so reading line by line starts a row
 * at the first wrapped line and splits every row. The column that holds a bare number in every row (分值, 得分) gives
 * each row's centre; each other column's lines are shared between neighbouring rows so that every cell's lines are
 * centred on its row's centre (a chain of choices solved exactly); a column with text in at most half the rows (a label
 * merged down a block) puts each text in the row nearest to it. Null when the table has no such column or its cells
 * are not centred (some cell more than a third of a line off its row's centre).
 */

const NUMBER = /^[-+]?\d+(?:\.\d+)?%?$/;
/**
 * Weight of how far a cell's lines lie from its row's centre, beside how far their middle is: it only breaks ties
 * (a cell taking the rows above and below it is centred too, but its lines lie far out).
 */
const SPREAD = 0.01;

interface Fragment {
  line: number; // index into the body lines
  y: number;
  text: string;
}

/** How far the mean baseline of a cell's fragments is from its row's centre (0 for an empty cell). */
function offset(fragments: readonly Fragment[], centre: number): number {
  if (fragments.length === 0) return 0;
  return Math.abs(fragments.reduce((s, f) => s + f.y, 0) / fragments.length - centre);
}

/**
 * One column's fragments shared among the rows: `gaps[0]` are the fragments above the first centre line, `gaps[i]`
 * those strictly between centre i - 1 and i (top to bottom), `gaps[n]` those below the last; `on[i]` those on row i's
 * centre line. The fragments at the top may be the rest of a row cut by the page break (`cut`, not centred on
 * anything); the last row may be cut by the next break, so it is not measured either. Returns each row's fragments
 * (the least sum of costs) and the largest offset of a measured cell from its centre.
 */
function shareColumn(on: Fragment[][], gaps: Fragment[][], centres: readonly number[]): { cut: Fragment[]; rows: Fragment[][]; worst: number } {
  const n = centres.length;
  const cost = (i: number, cell: readonly Fragment[]) =>
    (i === n - 1 ? 0 : offset(cell, centres[i]!)) + SPREAD * cell.reduce((sum, f) => sum + Math.abs(f.y - centres[i]!), 0);
  // best[j][s]: least cost of rows 0..j-1 when the first s fragments of gaps[j] go to the row above it (row j - 1)
  // fragments left to the cut row cost as much spread as in the first row: only a first row off its centre moves them
  const best: number[][] = [Array.from({ length: gaps[0]!.length + 1 }, (_, s) => SPREAD * gaps[0]!.slice(0, s).reduce((sum, f) => sum + Math.abs(f.y - centres[0]!), 0))];
  const choice: number[][] = [[]];
  for (let j = 1; j <= n; j += 1) {
    const options = j === n ? [gaps[n]!.length] : Array.from({ length: gaps[j]!.length + 1 }, (_, t) => t);
    best.push([]);
    choice.push([]);
    for (const t of options) {
      let least = Number.POSITIVE_INFINITY;
      let pick = 0;
      best[j - 1]!.forEach((before, s) => {
        const total = before + cost(j - 1, [...gaps[j - 1]!.slice(s), ...on[j - 1]!, ...gaps[j]!.slice(0, t)]);
        if (total < least) {
          least = total;
          pick = s;
        }
      });
      best[j]![t] = least;
      choice[j]![t] = pick;
    }
  }
  const rows: Fragment[][] = centres.map(() => []);
  let t = gaps[n]!.length;
  for (let j = n; j >= 1; j -= 1) {
    const s = choice[j]![t]!;
    rows[j - 1] = [...gaps[j - 1]!.slice(s), ...on[j - 1]!, ...gaps[j]!.slice(0, t)];
    t = s;
  }
  const worst = Math.max(0, ...rows.slice(0, -1).map((fs, i) => offset(fs, centres[i]!)));
  return { cut: gaps[0]!.slice(0, t), rows, worst };
}

/** Rows of body lines whose cells are centred on their row, or null (see the file's comment). `first`: index of the first body line on the page. */
export function centredRows(lines: readonly PageLine[], first: number, columns: readonly Interval[]): PdfTable['rows'] | null {
  const texts = lines.map((line) => cellsOf(line, columns).texts);
  const anchorColumn = columns.map((_, k) => {
    const filled = texts.filter((t) => t[k] !== '');
    return filled.length >= 2 && filled.every((t) => NUMBER.test(t[k]!)) ? filled.length : 0;
  });
  const most = Math.max(0, ...anchorColumn);
  if (most < 2) return null;
  const anchor = anchorColumn.indexOf(most);
  const centreLines = texts.flatMap((t, i) => (t[anchor] !== '' ? [i] : []));
  const centres = centreLines.map((i) => lines[i]!.y);
  const size = Math.min(...lines.map((l) => l.size));
  const cells: Fragment[][][] = centres.map(() => columns.map(() => []));
  const cut: Fragment[][] = columns.map(() => []);
  for (let k = 0; k < columns.length; k += 1) {
    const fragments = texts.flatMap((t, i) => (t[k] !== '' ? [{ line: i, y: lines[i]!.y, text: t[k]! }] : []));
    const on = centreLines.map((c) => fragments.filter((f) => f.line === c));
    const bounds = [-1, ...centreLines, lines.length];
    const gaps = bounds.slice(0, -1).map((b, j) => fragments.filter((f) => f.line > b && f.line < bounds[j + 1]!));
    const { cut: rest, rows, worst } = shareColumn(on, gaps, centres);
    if (worst <= size / 3) {
      rows.forEach((fs, r) => { cells[r]![k] = fs; });
      cut[k] = rest;
    } else if (fragments.length <= centres.length / 2) {
      // a label merged down several rows sits at the middle of its block, not of a row: the row nearest to it
      for (const f of fragments) {
        const r = centres.reduce((at, c, j) => (Math.abs(c - f.y) < Math.abs(centres[at]! - f.y) ? j : at), 0);
        cells[r]![k]!.push(f);
      }
    } else return null;
  }
  // the rest of a row cut by the page break comes first, as a row of its own (the page before's last row takes it)
  return (cut.some((fs) => fs.length > 0) ? [cut, ...cells] : cells).map((row) => ({
    line: first + Math.min(...row.flatMap((fs) => fs.map((f) => f.line))),
    cells: row.map((fs) => fs.reduce((text, f) => continued(text, f.text), '')),
  }));
}
