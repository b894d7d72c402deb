import type { TableBlock, TableCell } from '../model/index.js';

/** A decimal written in a 决算 cell: "2,940.05", "-3", "０.95" (full-width digits are normalised). */
const NUMBER = /^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$/u;
/** What templates print where a figure goes, and what an empty cell may hold. */
const PLACEHOLDER = /^(?:X+(?:[.,]X+)*|x+(?:\.x+)*|[-—－–]+|\/|…+|。+)$/u;

export function normaliseDigits(text: string): string {
  return text.replace(/[０-９．，－]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/gu, '');
}

/** The decimal a cell holds, or null (empty, placeholder, text). */
export function cellDecimal(text: string): string | null {
  const t = normaliseDigits(text);
  if (!NUMBER.test(t)) return null;
  return t.replace(/,/gu, '');
}

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(normaliseDigits(text));
}

/** Cells of a header that name a column, never a row's data. */
const HEADER_WORDS = /^(?:决算数|预算数|科目名称|.*科目编码|项目|类|款|项|小计)$/u;
const CODE = /^\d{3}(?:\d{2}){0,2}$/u;

export type ColumnRole = 'code' | 'name' | 'value';
export interface ColumnInfo {
  label: string;
  role: ColumnRole;
}

/** How many leading rows are the header: up to the first row with a figure, or (an empty template) through the last header-word row. */
export function headerRowCount(rows: readonly (readonly TableCell[])[]): number {
  const firstFigure = rows.findIndex((row) => row.some((c) => !c.merged && (cellDecimal(c.text) !== null || CODE.test(normaliseDigits(c.text)) || /^X{2,}/u.test(c.text))));
  if (firstFigure >= 0) return firstFigure;
  let last = -1;
  rows.slice(0, 6).forEach((row, i) => {
    if (row.some((c) => HEADER_WORDS.test(c.text.replace(/\s+/gu, '')))) last = i;
  });
  return last + 1;
}

/** Column labels from the header rows: the distinct texts top-down joined by "/", a row spanning the whole table skipped. */
export function columnsOf(block: TableBlock, headerRows: number): ColumnInfo[] {
  const width = block.rows[0]?.length ?? 0;
  const header = block.rows.slice(0, headerRows).filter((row) => new Set(row.map((c) => c.text).filter(Boolean)).size > 1 || width === 1);
  const labels: string[] = [];
  for (let col = 0; col < width; col += 1) {
    const parts: string[] = [];
    for (const row of header) {
      const text = (row[col]?.text ?? '').replace(/\s+/gu, '');
      if (text && parts[parts.length - 1] !== text && !parts.includes(text)) parts.push(text);
    }
    let label = parts.join('/');
    let n = 2;
    const base = label;
    while (labels.includes(label)) label = `${base}#${n++}`;
    labels.push(label);
  }
  return labels.map((label) => ({ label, role: roleOf(label) }));
}

function roleOf(label: string): ColumnRole {
  const last = (label.split('/').pop() ?? '').replace(/#\d+$/u, '');
  if (/科目编码/u.test(label) || /^(?:类|款|项)$/u.test(last)) return 'code';
  if (/^(?:科目名称|项目|单位名称)$/u.test(last)) return 'name';
  return 'value';
}

export interface Segment {
  codes: number[];
  name: number | null;
  values: number[];
  side: string;
}

/** Sides of a table: each run of code/name columns and the value columns after it ("收入 项目 决算数 | 支出 项目 决算数"). */
export function segmentsOf(columns: readonly ColumnInfo[]): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | null = null;
  columns.forEach((column, index) => {
    if (column.role !== 'value') {
      if (!current || current.values.length > 0) {
        current = { codes: [], name: null, values: [], side: column.label.includes('/') ? column.label.split('/')[0]! : '' };
        segments.push(current);
      }
      if (column.role === 'code') current.codes.push(index);
      else current.name = index;
    } else {
      if (!current) {
        current = { codes: [], name: null, values: [], side: '' };
        segments.push(current);
      }
      current.values.push(index);
    }
  });
  if (segments.length < 2) segments.forEach((s) => { s.side = ''; });
  return segments;
}
