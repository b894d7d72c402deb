import { lineText, pageLines, type TextPiece } from './pdf-lines.js';
import { continued } from './pdf-tables.js';
import { textColumnRulings } from './pdf-row-rules.js';
import type { Ruling } from './pdf-rulings.js';

/** One cell of a ruled table: its text, and whether it is covered by another cell's merge (text copied). */
export interface GridCell {
  text: string;
  merged: boolean;
  full?: boolean; // a line of the text runs to the cell's right edge: it wrapped (and may go on past a page break)
}

/** A table rebuilt from a page's ruling lines. Positions are in page space (y grows upwards). */
export interface GridTable {
  top: number;
  bottom: number;
  xs: number[]; // column boundaries, left to right
  ys: number[]; // row boundaries, top to bottom
  rows: GridCell[][];
  pieces: Set<number>; // indexes of the text pieces the table holds
  textColumns?: boolean; // no column rules: the columns come from the text gaps (src/document/pdf-row-rules.ts)
}

/** Positions closer than this (points) are one grid line. */
const SNAP = 2.5;
/** How far (points) a ruling may stop short of another and still meet it. */
const REACH = 3;

function cluster(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const g = groups[groups.length - 1];
    if (g && v - g[g.length - 1]! <= SNAP) g.push(v);
    else groups.push([v]);
  }
  return groups.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

function meets(h: Ruling, v: Ruling): boolean {
  return v.at >= h.from - REACH && v.at <= h.to + REACH && h.at >= v.from - REACH && h.at <= v.to + REACH;
}

/** Groups of rulings that touch each other (one group per table or box on the page). */
function components(rulings: readonly Ruling[]): Ruling[][] {
  const parent = rulings.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < rulings.length; i += 1) {
    for (let j = i + 1; j < rulings.length; j += 1) {
      const a = rulings[i]!;
      const b = rulings[j]!;
      if (a.horizontal === b.horizontal) continue;
      if (meets(a.horizontal ? a : b, a.horizontal ? b : a)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Ruling[]>();
  rulings.forEach((r, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  });
  return [...groups.values()];
}

/** Does a ruling at `at` (±SNAP) cover the point `mid` along its length? */
function covered(rulings: readonly Ruling[], at: number, mid: number): boolean {
  return rulings.some((r) => Math.abs(r.at - at) <= SNAP && r.from - 1 <= mid && r.to + 1 >= mid);
}

const WIDE = '\\p{Script=Han}（）【】“”‘’，。、；：！？《》';
/** Spaces between two Chinese characters: letter spacing of a distributed cell (`因 公 出 国`), not words. */
const WIDE_GAP = new RegExp(`(?<=[${WIDE}])\\s+(?=[${WIDE}])`, 'gu');

/** Text of the pieces in one cell: lines by baseline, wrapped lines joined (no space between Chinese). */
function cellText(pieces: readonly TextPiece[]): string {
  return pageLines(pieces).map(lineText).reduce((text, line) => continued(text, line), '').replace(WIDE_GAP, '');
}

/** Does a line of a cell's text reach its right edge (within two characters), so that the text wrapped? */
function runsToEdge(pieces: readonly TextPiece[], right: number): boolean {
  return pageLines(pieces).some((line) => (line.segments[line.segments.length - 1]?.x1 ?? -Infinity) >= right - 2.2 * line.size);
}

/**
 * The cell (row, column) a text piece belongs to, or null: the column holding its centre; the row holding its centre,
 * unless the glyphs straddle a row border with their top clearly above it — text run over the bottom of its cell
 * (a fixed-height row) belongs to the row it started in. `ys` run top to bottom (descending).
 */
function cellOf(xs: readonly number[], ys: readonly number[], piece: TextPiece): [number, number] | null {
  const [x, y] = pieceCentre(piece);
  const c = xs.findIndex((v, k) => k + 1 < xs.length && x >= v && x < xs[k + 1]!);
  if (c < 0) return null;
  const top = piece.y + 0.8 * piece.size;
  const bottom = piece.y - 0.2 * piece.size;
  const slack = 0.15 * piece.size;
  const straddled = ys.findIndex((v, k) => k > 0 && v < top - slack && v > bottom + slack && top <= ys[0]!);
  if (straddled > 0) return [straddled - 1, c];
  const r = ys.findIndex((v, k) => k + 1 < ys.length && y <= v && y > ys[k + 1]!);
  return r < 0 ? null : [r, c];
}

/** The point a text piece is placed by: its centre (baseline raised by a third of the font height). */
export function pieceCentre(piece: TextPiece): [number, number] {
  return [piece.x + piece.width / 2, piece.y + piece.size * 0.33];
}

/**
 * One ruled table from a group of rulings: grid lines where any ruling runs, a cell border where a ruling covers it,
 * cells without a border between them merged (the top-left one is the master, the others copy its text with
 * `merged`), each text piece in the cell holding its centre. Null when the group is not a grid of at least 2 × 2
 * cells with some text in it (a frame around a paragraph, an underline).
 */
function gridTable(group: readonly Ruling[], pieces: readonly TextPiece[]): GridTable | null {
  const horizontals = group.filter((r) => r.horizontal);
  const verticals = group.filter((r) => !r.horizontal);
  if (horizontals.length < 2 || verticals.length < 2) return null;
  const left = Math.min(...horizontals.map((h) => h.from));
  const right = Math.max(...horizontals.map((h) => h.to));
  const xs = cluster([...verticals.map((v) => v.at), left, right]);
  const ys = cluster([...horizontals.map((h) => h.at), ...verticals.map((v) => v.from), ...verticals.map((v) => v.to)]).reverse();
  const rowCount = ys.length - 1;
  const columnCount = xs.length - 1;
  if (rowCount < 1 || columnCount < 2) return null;
  const id = (r: number, c: number) => r * columnCount + c;
  const parent = Array.from({ length: rowCount * columnCount }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < rowCount; r += 1) {
    const midY = (ys[r]! + ys[r + 1]!) / 2;
    for (let c = 0; c < columnCount; c += 1) {
      const midX = (xs[c]! + xs[c + 1]!) / 2;
      if (c + 1 < columnCount && !covered(verticals, xs[c + 1]!, midY)) union(id(r, c), id(r, c + 1));
      if (r + 1 < rowCount && !covered(horizontals, ys[r + 1]!, midX)) union(id(r, c), id(r + 1, c));
    }
  }
  const inCell = new Map<number, TextPiece[]>();
  const held = new Set<number>();
  pieces.forEach((piece, i) => {
    const at = cellOf(xs, ys, piece);
    if (!at) return;
    const master = find(id(at[0], at[1]));
    inCell.set(master, [...(inCell.get(master) ?? []), piece]);
    held.add(i);
  });
  if (![...held].some((i) => pieces[i]!.text.trim() !== '')) return null;
  const texts = new Map<number, string>();
  const full = new Set<number>();
  for (const [master, list] of inCell) {
    texts.set(master, cellText(list));
    const right = Math.max(...Array.from({ length: rowCount * columnCount }, (_, k) => k).filter((k) => find(k) === master).map((k) => xs[(k % columnCount) + 1]!));
    if (runsToEdge(list, right)) full.add(master);
  }
  const rows: GridCell[][] = [];
  for (let r = 0; r < rowCount; r += 1) {
    const row: GridCell[] = [];
    for (let c = 0; c < columnCount; c += 1) {
      const master = find(id(r, c));
      row.push({ text: texts.get(master) ?? '', merged: master !== id(r, c), ...(full.has(master) ? { full: true } : {}) });
    }
    rows.push(row);
  }
  return { top: ys[0]!, bottom: ys[ys.length - 1]!, xs, ys, rows, pieces: held };
}

/**
 * The ruled tables of a page, top to bottom, each with the text pieces it holds. `carried`: the column boundaries of a
 * table without column rules that the page before ended with (a box of row rules on this page may go on in them).
 */
export function gridTables(rulings: readonly Ruling[], pieces: readonly TextPiece[], carried?: readonly number[]): GridTable[] {
  const tables: GridTable[] = [];
  const taken = new Set<number>();
  const groups = components(rulings);
  // only the page's topmost box may go on from the page before
  const top = Math.max(...groups.map((g) => Math.max(...g.map((r) => (r.horizontal ? r.at : r.to)))));
  for (const group of groups) {
    const free = pieces.map((p, i) => (taken.has(i) ? null : p));
    const placed = free.map((p) => p ?? { text: '', x: -1e9, y: -1e9, width: 0, size: 0 });
    // a box of row rules without column rules: its columns from the text gaps (src/document/pdf-row-rules.ts)
    const split = gridTable(group, placed) === null ? textColumnRulings(group, placed, group.some((r) => (r.horizontal ? r.at : r.to) === top) ? carried : undefined) : null;
    const table = split ? gridTable(split, placed) : gridTable(group, placed);
    if (table && split) table.textColumns = true;
    if (!table) continue;
    for (const i of table.pieces) taken.add(i);
    tables.push(table);
  }
  return tables.sort((a, b) => b.top - a.top);
}
