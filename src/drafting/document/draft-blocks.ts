import { dec } from '../../model/decimal.js';

/**
 * The drafted report as a list of blocks, before it becomes .docx or Markdown. Heading levels follow the
 * numbering of 自评报告: 1 一、 · 2 （一） · 3 1. · 4 （1） · 5 ①; the marker is part of the text.
 */
export type DraftBlock =
  | { kind: 'title'; text: string }
  | { kind: 'cover'; text: string } // 部门名称：… lines under the title
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string };

const CHINESE = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** The numbering marker of the index-th (0-based) heading at a level: "三、", "（二）", "4. ", "（1）", "②". */
export function marker(level: number, index: number): string {
  const n = index + 1;
  if (level === 1) return `${CHINESE[index] ?? n}、`;
  if (level === 2) return `（${CHINESE[index] ?? n}）`;
  if (level === 3) return `${n}. `;
  if (level === 4) return `（${n}）`;
  return CIRCLED[index] ?? `${n}）`;
}

/** A heading line starts with a marker; a paragraph that happens to start like one is left as written. */
export const HEADING_MARKER = /^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[.．、](?!\d)|（\d{1,2}）|[①-⑳])\s*/u;

/**
 * How the workbook's own free text writes each amount ("20.4"), so that a drafted figure repeats that spelling
 * instead of a second one ("20.40") a reader, or consistency/same-quantity, would take for a different number.
 * Set for the duration of one composeFullReport call (drafting is synchronous).
 */
let writtenForms = new Map<string, string>();

export function withWrittenForms<T>(texts: readonly string[], draft: () => T): T {
  const forms = new Map<string, string>();
  for (const text of texts) for (const m of text.matchAll(/(?<![\d.])\d+\.\d+(?=\s*万元)/gu)) forms.set(dec(m[0]).toFixed(), m[0]);
  const previous = writtenForms;
  writtenForms = forms;
  try {
    return draft();
  } finally {
    writtenForms = previous;
  }
}

/** Money in 万元 as written in a report: at least two decimals ("374.30", "0.0693"), or as the workbook's text writes it. */
export function money(value: string): string {
  const d = dec(value);
  const written = writtenForms.get(d.toFixed());
  if (written) return written;
  return d.decimalPlaces() < 2 ? d.toFixed(2) : d.toFixed();
}

/** The blocks as plain text, one block per paragraph, as the report reader sees a .docx. */
export function blocksToText(blocks: readonly DraftBlock[]): string {
  return blocks.map((b) => b.text).join('\n\n');
}

/** Make sure a sentence ends with a full stop. */
export function endSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[。！？]$/u.test(trimmed) ? trimmed : `${trimmed.replace(/[，；、,;]$/u, '')}。`;
}
