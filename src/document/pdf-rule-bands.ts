import { centredRows } from './pdf-centred-rows.js';
import type { GridTable } from './pdf-grid.js';
import type { PageLine } from './pdf-lines.js';
import type { Ruling } from './pdf-rulings.js';
import { cellsOf, columnsOf, continued, tableRows, type Interval, type OpenRow, type PdfTable } from './pdf-tables.js';

/**
 * 三线表: tables drawn with horizontal rules alone — a rule above, one under the header row, one below — as Word and
 * WPS academic templates make them. The rules give the table's extent and where the header ends; the columns come
 * from the gaps the text leaves, the rows from the text lines (a wrapped cell joins its row, as in any text-gap table).
 */

/** Horizontal rules across the same span, touching no vertical ruling: `rules` top to bottom (page space). */
export interface RuleBand {
  from: number;
  to: number;
  rules: number[];
}

/** A rule shorter than this (points) is an underline or a separator, not a table's edge. */
const MIN_RULE = 100;
/** Rules whose ends are this close (points) span the same table. */
const SAME_SPAN = 6;
/** Rules this close (points) one above the other are one rule drawn double. */
const DOUBLE = 3;
/** How far (points) a vertical ruling may stop short of a rule and still meet it. */
const REACH = 3;
/** Lines a header row may take above its rule. */
const MAX_HEADER_LINES = 3;
const MIN_COLUMNS = 3;

/**
 * The bands of horizontal rules on a page outside its ruled grids, top to bottom. A band of one rule may end a 三线表
 * carried over from the page before (its bottom rule).
 */
export function ruleBands(rulings: readonly Ruling[], grids: readonly GridTable[]): RuleBand[] {
  const verticals = rulings.filter((r) => !r.horizontal);
  const free = rulings.filter((h) => h.horizontal && h.to - h.from >= MIN_RULE
    && !verticals.some((v) => v.at >= h.from - REACH && v.at <= h.to + REACH && h.at >= v.from - REACH && h.at <= v.to + REACH)
    && !grids.some((g) => h.at <= g.top + REACH && h.at >= g.bottom - REACH && h.from < g.xs[g.xs.length - 1]! && h.to > g.xs[0]!));
  const bands: RuleBand[] = [];
  for (const rule of [...free].sort((a, b) => b.at - a.at)) {
    const band = bands.find((b) => Math.abs(b.from - rule.from) <= SAME_SPAN && Math.abs(b.to - rule.to) <= SAME_SPAN);
    if (!band) bands.push({ from: rule.from, to: rule.to, rules: [rule.at] });
    else if (band.rules[band.rules.length - 1]! - rule.at > DOUBLE) band.rules.push(rule.at);
  }
  return bands;
}

/** Share of the page's height at its top and at its bottom where running headers and footers sit. */
const MARGIN = 0.1;

/** Where a page's running header ends and its running footer begins (the rules under and over them), if drawn. */
export interface PageMargins {
  header?: number;
  footer?: number;
}

/**
 * The bands without the rules of the page's running header and footer, and where those rules are: the highest rule in
 * the top tenth of the page with one or two lines (the header text) above it and nothing else, and the lowest rule in
 * the bottom tenth with one or two lines below it. A 三线表 at the top of a page has no text above its top rule, or has
 * the header's rule between (`lines` and rules in the same coordinates, `height` the page's).
 */
export function pageRules(bands: readonly RuleBand[], lines: readonly PageLine[], height: number): { bands: RuleBand[]; margins: PageMargins } {
  const all = bands.flatMap((b) => b.rules);
  const header = all.filter((y) => y > (1 - MARGIN) * height).sort((a, b) => b - a)[0];
  const footer = all.filter((y) => y < MARGIN * height).sort((a, b) => a - b)[0];
  const count = (y: number, above: boolean) => lines.filter((l) => (above ? l.y > y : l.y < y)).length;
  const margins: PageMargins = {
    ...(header !== undefined && count(header, true) >= 1 && count(header, true) <= 2 ? { header } : {}),
    ...(footer !== undefined && count(footer, false) >= 1 && count(footer, false) <= 2 ? { footer } : {}),
  };
  const furniture = (y: number) => y === margins.header || y === margins.footer;
  return { bands: bands.map((b) => ({ ...b, rules: b.rules.filter((y) => !furniture(y)) })).filter((b) => b.rules.length > 0), margins };
}

/** Is a line inside the band's span (its segments' middles between the rules' ends)? */
function within(line: PageLine, band: RuleBand): boolean {
  return line.segments.every((s) => (s.x0 + s.x1) / 2 >= band.from - line.size && (s.x0 + s.x1) / 2 <= band.to + line.size);
}

/**
 * The page lines a band holds: its header lines (above the header rule) and body lines, as index ranges. Three rules
 * or more: top, header rule, bottom (rules between body rows, e.g. above a 合计 row, change nothing). Two rules: the
 * second is the header rule when at most three lines sit above it and a line inside its span follows right below it
 * (the table goes on to the page's end or the next page), else the bottom rule (a table without a header rule). A band
 * `carried` over from the page before has no header; its second rule, if any, is its bottom. A band open at the bottom
 * ends at a line more than three line heights below the one before, at a line outside its span, or at a line of
 * running text (one segment wider than half the band); `open` says it ran to the page's end.
 */
function bandLines(lines: readonly PageLine[], band: RuleBand, furniture: (line: PageLine) => boolean, carried = false): { first: number; header: number; last: number; open: boolean } | null {
  const [top, ...below] = band.rules as [number, ...number[]];
  const first = lines.findIndex((l) => l.y < top);
  if (first < 0) return null;
  const under = (y: number) => { const k = lines.findIndex((l) => l.y < y); return k < 0 ? lines.length : k; };
  let header = first;
  let bottom: number | null = null;
  if (carried) bottom = below[0] ?? null;
  else if (below.length >= 2) {
    header = under(below[0]!);
    bottom = below[below.length - 1]!;
  } else {
    const split = under(below[0]!);
    const next = lines[split];
    const before = lines[split - 1];
    const opensBody = next !== undefined && before !== undefined && within(next, band) && before.y - next.y <= 3 * Math.max(before.size, next.size);
    if (split - first <= MAX_HEADER_LINES && opensBody) header = split;
    else bottom = below[0]!;
  }
  let last = first - 1;
  for (let i = first; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (bottom !== null ? line.y <= bottom : i > header && (
      lines[i - 1]!.y - line.y > 3 * Math.max(line.size, lines[i - 1]!.size)
      || (line.segments.length === 1 && line.segments[0]!.x1 - line.segments[0]!.x0 > 0.5 * (band.to - band.from)))) break;
    if (!within(line, band)) break;
    last = i;
  }
  // open at the bottom: no rule under it and nothing after it on the page but a page number (it goes on overleaf)
  const open = bottom === null && lines.slice(last + 1).every((l) => furniture(l));
  return last >= first ? { first, header: Math.min(header, last + 1), last, open } : null;
}

/** The header row: the lines above the header rule, each column's text joined over its lines. */
function headerRow(lines: readonly PageLine[], first: number, columns: readonly Interval[]): OpenRow {
  const row: OpenRow = { line: first, cells: columns.map(() => ''), reach: columns.map(() => Number.NEGATIVE_INFINITY), y: lines[0]!.y };
  for (const line of lines) {
    const cells = cellsOf(line, columns);
    row.cells = row.cells.map((c, k) => continued(c, cells.texts[k] ?? ''));
    row.reach = row.reach.map((r, k) => Math.max(r, cells.reach[k]!));
    row.y = line.y;
  }
  return row;
}

/**
 * The 三线表 of a stretch of page lines, given the page's rule bands (in the lines' coordinates): each band whose lines
 * fall into at least three columns with two lines or more split into cells is one table. Columns: the gaps all its
 * lines leave (the body's, when a header cell spans several). Rows: the header lines make one row; body lines make
 * rows as in a text-gap table, except that no line inside the rules ends the table, or, when that splits rows whose
 * cells are centred vertically, one row around each figure of the column every row fills with one.
 */
export function bandTables(lines: readonly PageLine[], bands: readonly RuleBand[], furniture: (line: PageLine) => boolean, carried?: CarriedBand): PdfTable[] {
  const tables: PdfTable[] = [];
  const continued = carried ? carriedTable(lines, bands, furniture, carried) : null;
  if (continued) tables.push(continued);
  for (const band of bands) {
    if (band.rules.length < 2) continue;
    const at = bandLines(lines, band, furniture);
    if (!at || tables.some((t) => at.first <= t.lastLine && at.last >= t.firstLine)) continue;
    const all = lines.slice(at.first, at.last + 1);
    const head = lines.slice(at.first, at.header);
    const body = lines.slice(at.header, at.last + 1);
    if (body.length === 0 || all.filter((l) => l.segments.length >= 2).length < 2) continue;
    const allColumns = columnsOf(all);
    const bodyColumns = columnsOf(body);
    const columns = bodyColumns.length > allColumns.length && body.filter((l) => l.segments.length >= 2).length >= 2 ? bodyColumns : allColumns;
    if (columns.length < MIN_COLUMNS) continue;
    let { rows } = head.length > 0
      ? tableRows(body, at.header, columns, { closed: true, header: headerRow(head, at.first, columns) })
      : tableRows(body, at.header, columns, { closed: true });
    // cells centred in their rows: fewer rows, each around its own figure, than line by line (which splits them)
    const centred = head.length > 0 ? centredRows(body, at.header, columns) : null;
    if (centred && centred.length < rows.length - 1) rows = [rows[0]!, ...centred];
    if (rows.length < 2) continue;
    tables.push({ firstLine: at.first, lastLine: at.last, rows, columns, ...(at.open ? { band: { from: band.from, to: band.to } } : {}) });
  }
  return tables;
}

/** A 三线表 the page before ended with, open at the bottom: its span and columns. */
export interface CarriedBand {
  from: number;
  to: number;
  columns: Interval[];
}

/**
 * The rest of a 三线表 carried over from the page before, when the page does not repeat its header (no rules at the
 * top): the lines from the top of the stretch inside its span, down to a rule across the same span (its bottom rule)
 * or, without one, to where running text starts; read in the carried table's columns, rows as in any band (centred
 * cells around their figures). Its first row may be the rest of the row cut by the break (the caller joins it).
 */
function carriedTable(lines: readonly PageLine[], bands: readonly RuleBand[], furniture: (line: PageLine) => boolean, carried: CarriedBand): PdfTable | null {
  const first = lines.find((line) => !furniture(line));
  if (!first || !within(first, { ...carried, rules: [] })) return null;
  const same = bands.filter((b) => Math.abs(b.from - carried.from) <= SAME_SPAN && Math.abs(b.to - carried.to) <= SAME_SPAN);
  // a header repeated under rules at the top of the page: the page's own band reads it
  if (same.some((b) => b.rules.length >= 2 && b.rules[0]! > first.y)) return null;
  const bottom = same.flatMap((b) => b.rules).filter((y) => y < first.y).sort((a, b) => b - a)[0];
  const at = bandLines(lines, { ...carried, rules: [first.y + 0.5 * first.size, ...(bottom !== undefined ? [bottom] : [])] }, furniture, true);
  if (!at) return null;
  const body = lines.slice(at.first, at.last + 1);
  let { rows } = tableRows(body, at.first, carried.columns, { closed: true });
  const centred = centredRows(body, at.first, carried.columns);
  if (centred && centred.length < rows.length) rows = centred;
  return { firstLine: at.first, lastLine: at.last, rows, columns: carried.columns, ...(at.open ? { band: { from: carried.from, to: carried.to } } : {}) };
}
