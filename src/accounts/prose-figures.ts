import type { Document } from '../model/index.js';
import type { ProseFigure } from './accounts-model.js';
import { cellDecimal } from './table-layout.js';

const A = String.raw`\s*(?:为|是|达)?\s*([0-9０-９,.，XxＸ]+)\s*万元`;

/** What the 说明 states, by label; the first matching sentence of each label is taken, later ones too when labelled by 科目. */
const LABELS: readonly [string, RegExp][] = [
  ['财政拨款收入支出总计', new RegExp(`财政拨款收入支出总计${A}`, 'gu')],
  ['收入支出总计', new RegExp(`(?<!财政拨款)收入支出总计${A}`, 'gu')],
  ['本年收入合计', new RegExp(`本年收入合计${A}`, 'gu')],
  ['财政拨款收入', new RegExp(`(?<!一般公共预算)财政拨款收入(?!支出)${A}`, 'gu')],
  ['其他收入', new RegExp(`其他收入${A}`, 'gu')],
  ['本年支出合计', new RegExp(`本年支出合计${A}`, 'gu')],
  ['一般公共预算财政拨款基本支出', new RegExp(`一般公共预算财政拨款基本支出${A}`, 'gu')],
  ['基本支出', new RegExp(`(?<!财政拨款)基本支出${A}`, 'gu')],
  ['项目支出', new RegExp(`(?<!财政拨款)项目支出${A}`, 'gu')],
  ['一般公共预算财政拨款支出', new RegExp(`一般公共预算财政拨款支出${A}`, 'gu')],
  ['人员经费', new RegExp(`人员经费${A}`, 'gu')],
  ['公用经费', new RegExp(`(?<!日常)公用经费${A}`, 'gu')],
  ['三公经费预算', new RegExp(`[“"]三公[”"]经费财政拨款支出年初预算${A}`, 'gu')],
  ['三公经费决算', new RegExp(`[“"]三公[”"]经费财政拨款支出年初预算[^。；]*?支出决算${A}`, 'gu')],
  ['机关运行经费', new RegExp(`机关运行经费(?:支出)?${A}`, 'gu')],
  ['政府采购', new RegExp(`政府采购(?:支出)?(?:金额|总额)(?:[（(][^）)]*[）)])?${A}`, 'gu')],
];
const CLASS = new RegExp(`([\\u4e00-\\u9fa5]{2,20}?)（类）${A}`, 'gu');
const ITEM = new RegExp(`（款）([\\u4e00-\\u9fa5（）]{2,30}?)（项）。(?:[^。]*。){0,2}?[^。]*?支出决算${A}`, 'gu');

function decimalOf(raw: string): string | null {
  return cellDecimal(raw.replace(/，/gu, ','));
}

/**
 * The figures the 说明 states in prose, each at the Document line it begins on. The text after the last table is joined
 * line by line (a PDF breaks sentences across lines), so "其他\n收入6.2万元" reads as one clause.
 */
export function proseFigures(document: Document, afterLine: number): ProseFigure[] {
  let text = '';
  const lineAt: number[] = [];
  document.lines.forEach((line, i) => {
    if (i + 1 <= afterLine) return;
    const clean = line.replace(/\s+/gu, '');
    text += clean;
    for (let k = 0; k < clean.length; k += 1) lineAt.push(i + 1);
  });
  const found: ProseFigure[] = [];
  const add = (label: string, m: RegExpMatchArray) => {
    const raw = m[m.length - 1]!;
    const at = (m.index ?? 0) + m[0].lastIndexOf(raw);
    const line = lineAt[at] ?? afterLine + 1;
    found.push({ label, value: decimalOf(raw), raw: `${raw}万元`, line, location: document.lineLocations[line - 1] ?? {} });
  };
  for (const [label, pattern] of LABELS) for (const m of text.matchAll(pattern)) add(label, m);
  for (const m of text.matchAll(CLASS)) add(`类:${m[1]}`, m);
  for (const m of text.matchAll(ITEM)) add(`项:${m[1]}`, m);
  return found;
}
