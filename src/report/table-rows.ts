import type { Document, DocumentLocation, Paragraph, TableBlock } from '../model/index.js';
import { normalizeLine } from './normalize-line.js';

/** Most rows of one table we read; longer tables are read up to here and the rest reported as a problem. */
export const MAX_TABLE_ROWS = 2000;
/** Most tables (or sheets) of one document we read. */
export const MAX_TABLES = 50;

/** A table's rows as normalised cell texts, with each row's line in the report's line view. */
export interface TableView {
  block: TableBlock;
  index: number; // 1-based among the document's tables
  texts: string[][]; // normalised cell texts (merged cells repeat the master's text)
  lines: number[]; // report line of each row
}

/** A cell's text as one normalised line: breaks inside a cell joined, full-width digits, brackets unified. */
export function cellText(raw: string): string {
  return normalizeLine(raw.replace(/[ \t]*[\r\n]+[ \t]*/gu, ' '));
}

/** The report line of row `r`: the text line it is on for txt/md pipe tables, else one line per row after the table's first. */
function rowLine(document: Pick<Document, 'format'>, block: TableBlock, r: number): number {
  const own = block.rows[r]?.[0]?.location.line;
  if ((document.format === 'txt' || document.format === 'md') && own !== undefined) return own;
  return block.line + r;
}

export function tableViews(document: Pick<Document, 'format' | 'blocks'>): TableView[] {
  const tables = document.blocks.filter((b): b is TableBlock => b.kind === 'table').slice(0, MAX_TABLES);
  return tables.map((block, i) => {
    const rows = block.rows.slice(0, MAX_TABLE_ROWS);
    return {
      block,
      index: i + 1,
      texts: rows.map((cells) => cells.map((cell) => cellText(cell.text))),
      lines: rows.map((_, r) => rowLine(document, block, r)),
    };
  });
}

/** Every report line a table occupies (for txt/md also the pipe table's delimiter line). */
export function tableLines(view: TableView): number[] {
  if (view.lines.length === 0) return [];
  const first = view.lines[0]!;
  const last = view.lines[view.lines.length - 1]!;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * A row as a paragraph for figures and quotes: each cell's normalised text joined by tabs, merged copies left empty so
 * that the n-th tab still separates column n from n + 1.
 */
export function rowParagraph(view: TableView, r: number, sectionPath: string[], header?: TableHeader): Paragraph {
  const cells = view.block.rows[r] ?? [];
  const text = cells.map((cell, c) => (cell.merged ? '' : view.texts[r]![c]!)).join('\t');
  const line = view.lines[r]!;
  const paragraph: Paragraph = { text, line, endLine: line, sectionPath, segments: [{ line, offset: 0 }], cells: cells.map((cell) => ({ ...cell.location })) };
  if (!header) return paragraph;
  const label = rowLabel(view.texts[r] ?? []);
  if (label === '') return paragraph;
  return { ...paragraph, table: { label, headers: header.headers.map((h) => columnName(h ?? '')), units: columnUnits(header.headers, header.unit ?? '') } };
}

/** The header row a table row is read under: its column texts, and the unit the whole table is in when known. */
export interface TableHeader {
  headers: readonly (string | undefined)[];
  unit?: string; // e.g. "万元" for the national form's budget block
}

const VALUE_CELL = /^[≥≤<>=＜＞≈约]?\s*-?\d/u;
const ENUMERATION = /^\d{1,2}[.、．)）]\s*(?=\p{Script=Han})/u;

/** A row's label: the last name cell (Han text, not a value) before its first value cell; "" when there is none. */
export function rowLabel(texts: readonly string[]): string {
  let label = '';
  for (const raw of texts) {
    const text = raw.replace(ENUMERATION, '').trim();
    if (text === '') continue;
    if (VALUE_CELL.test(text) || !/\p{Script=Han}/u.test(text)) break;
    label = text;
  }
  return label.replace(/^其中[：:]\s*/u, '').replace(/（[^）]*分）$/u, '');
}

const UNIT_NOTE = /[（(](?:单位[：:])?\s*(万元|亿元|元|%|‰|亩|公顷|人次|人|个|项|次)\s*[)）]/u;

/** A header without its unit note: "全年执行数（万元）" → "全年执行数". */
function columnName(header: string): string {
  const name = header.replace(UNIT_NOTE, '').replace(/\s+/gu, '').trim();
  return name.slice(name.lastIndexOf('/') + 1);
}

const NOT_AMOUNT = /分|率|比|%|次|数量|人数|个数/u;

/**
 * Each column's unit: its own "（万元）", else (for an amount column, not 分值/得分/执行率) one stated in the first
 * header cell ("年度预算执行情况（万元）") or the table's.
 */
function columnUnits(headers: readonly (string | undefined)[], fallback: string): string[] {
  const shared = UNIT_NOTE.exec(headers.find((h) => (h ?? '') !== '') ?? '')?.[1] ?? fallback;
  return headers.map((h) => UNIT_NOTE.exec(h ?? '')?.[1] ?? (h && !NOT_AMOUNT.test(columnName(h)) ? shared : ''));
}

/** Where a row is, as a person finds it: the location of its indicator-name cell (or first cell). */
export function rowLocation(view: TableView, r: number, column = 0): DocumentLocation {
  const cell = view.block.rows[r]?.[column] ?? view.block.rows[r]?.[0];
  return cell ? { ...cell.location } : { ...view.block.location };
}

/** The first number in a cell ("95%" → "95", "10分" → "10"), as written; null when there is none. */
export function numberText(text: string): string | null {
  const m = /-?\d+(?:\.\d+)?/u.exec(text.replace(/,(?=\d{3})/gu, ''));
  return m ? m[0].replace(/^(-?)0+(?=\d)/u, '$1') : null;
}
