import { pageLines, type Segment, type TextPiece } from './pdf-lines.js';
import type { Ruling } from './pdf-rulings.js';
import { columnsOf } from './pdf-tables.js';

/**
 * A ruled box with a rule under every row but no rule between its columns (a table printed without vertical rules:
 * each row a framed strip): the rules give the rows, the text gaps give the columns. The columns are the gaps that
 * the rows written in several cells leave free; a row whose text crosses such a gap has its cells merged there, and a
 * row written in one piece across a gap (a block row "（一）资金管理（30分）", the title) is one cell across the box.
 * The columns come back as rulings drawn where the gaps are, except where a row's text crosses them, so that the box
 * reads as any ruled grid (cells, merges, a table carried over the page break).
 */

/** Positions closer than this (points) are one line of the box. */
const SNAP = 2.5;
/** Fewest rows, rows written in several cells, and columns for a box to be read as a table. */
const MIN_ROWS = 3;
const MIN_SPLIT_ROWS = 2;
const MIN_COLUMNS = 3;

function distinct(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.filter((v, k) => k === 0 || v - sorted[k - 1]! > SNAP);
}

/**
 * The rulings that split a box of row rules into its text columns (verticals just left of where each column's text
 * begins, in every row whose text does not cross it), or null when the group is not such a box: verticals only at its two
 * sides, at least three rows, at least two rows written in three columns or more (of the rows written in at least half
 * as many cells as the fullest row). `carried`: the boundaries of such a table the page before ended with, kept when
 * this box has the same sides and its rows fit them.
 */
export function textColumnRulings(group: readonly Ruling[], pieces: readonly TextPiece[], carried?: readonly number[]): Ruling[] | null {
  const horizontals = group.filter((r) => r.horizontal);
  const verticals = group.filter((r) => !r.horizontal);
  if (horizontals.length < 2 || verticals.length < 2) return null;
  const left = Math.min(...horizontals.map((h) => h.from));
  const right = Math.max(...horizontals.map((h) => h.to));
  const sides = distinct(verticals.map((v) => v.at));
  if (sides.length !== 2 || Math.abs(sides[0]! - left) > SNAP || Math.abs(sides[1]! - right) > SNAP) return null;
  const ys = distinct([...horizontals.map((h) => h.at), ...verticals.flatMap((v) => [v.from, v.to])]).reverse();
  // each row's text lines, from the pieces whose centre lies inside it
  const rows = ys.slice(1).map((bottom, r) => pageLines(pieces.filter((p) => {
    const x = p.x + p.width / 2;
    const y = p.y + 0.33 * p.size;
    return p.text.trim() !== '' && x > left && x < right && y < ys[r]! && y > bottom;
  })));
  // the columns come from the rows written in the most cells: a row with merged cells (a 项目名称 across the form, a
  // footer note) bridges the gaps between the columns it spans
  const counts = rows.map((lines) => Math.max(0, ...lines.map((line) => line.segments.length)));
  const most = Math.max(...counts);
  const split = rows.filter((_, r) => counts[r]! >= 2 && 2 * counts[r]! >= most);
  const crosses = (s: Segment, x: number) => s.x0 < x && s.x1 > x;
  // a table going on from the page before in the same frame keeps its columns when this page's rows fit them (a
  // column may be empty on this page, a page may hold only a row or two)
  const fine = split.flat().flatMap((line) => line.segments);
  const keep = carried !== undefined && carried.length >= MIN_COLUMNS + 1 && split.length >= 1
    && Math.abs(carried[0]! - left) <= SNAP + 1 && Math.abs(carried[carried.length - 1]! - right) <= SNAP + 1
    && !carried.slice(1, -1).some((x) => fine.some((s) => crosses(s, x)));
  let gaps = carried?.slice(1, -1) ?? [];
  if (!keep) {
    if (ys.length - 1 < MIN_ROWS || split.length < MIN_SPLIT_ROWS) return null;
    const columns = columnsOf(split.flat());
    if (columns.length < MIN_COLUMNS) return null;
    // a column begins where its text begins (a cell's text runs on to the right, over the widest text of the fine rows)
    gaps = columns.slice(1).map((c, k) => Math.max(columns[k]!.x1, c.x0 - 1));
  }
  const added: Ruling[] = [];
  rows.forEach((lines, r) => {
    const segments = lines.flatMap((line) => line.segments);
    // one piece of text across a gap: the row is one cell across the box
    if (segments.length === 1 && gaps.some((x) => crosses(segments[0]!, x))) return;
    for (const x of gaps) {
      if (!segments.some((s) => crosses(s, x))) added.push({ horizontal: false, at: x, from: ys[r + 1]!, to: ys[r]! });
    }
  });
  return [...group, ...added];
}
