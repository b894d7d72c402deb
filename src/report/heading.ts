import { WEIGHT_IN_TITLE } from './narrative-scores.js';

/** A heading line of the report outline, recognised by its numbering marker. */
export interface Heading {
  marker: string; // "一、", "（一）", "1.", "（1）", "①"
  level: number; // 1 一、 · 2 （一） · 3 1. · 4 （1） · 5 ①
  title: string; // text of the heading without marker and trailing full stop
  body: string; // text after the heading's first full stop on the same line ("" when none)
  bodyOffset: number; // offset of `body` in the normalised line
  line: number;
}

const PATTERNS: { level: number; re: RegExp }[] = [
  { level: 1, re: /^(第[一二三四五六七八九十]{1,3}(?:部分|章|篇)[、：:．.]?)\s*(.*)$/u },
  { level: 1, re: /^([一二三四五六七八九十]{1,3}、)\s*(.*)$/u },
  { level: 2, re: /^(（[一二三四五六七八九十]{1,3}）)\s*(.*)$/u },
  { level: 5, re: /^(\d{1,2}\.\d{1,2}\.\d{1,2})(?![\d.])\s*(.*)$/u },
  { level: 4, re: /^(\d{1,2}\.\d{1,2})(?![\d.%万亿元个倍])\s*(.*)$/u },
  { level: 3, re: /^(\d{1,2}[.．、])(?!\d)\s*(.*)$/u },
  { level: 4, re: /^(（\d{1,2}）)\s*(.*)$/u },
  { level: 5, re: /^([①-⑳])\s*(.*)$/u },
];

/**
 * What follows a number that is a quantity, not a heading's numbering: a unit closed by punctuation or the line's end.
 * "19.2分。" is the rest of "…完成率96%，得" wrapped onto its own line; "2.1分配合理性" and "3.1人员经费" stay headings.
 */
const QUANTITY_REST = /^(?:个百分点|百分点|分|%|‰|万元|亿元|元|万|亿|人次|个|人|项|次|处|天|日|户|家|吨|公里|千米|平方米|米|亩|倍|篇|件|所|条|座|台|辆|场|期)(?:[。；，、,;:：)）]|$)/u;

/** Longest title we accept for a heading without a full stop; longer lines are paragraphs that start with a number. */
const MAX_BARE_TITLE = 60;

/** Recognise a heading in a normalised line (see normalize-line.ts), or return null. */
export function parseHeading(text: string, line: number): Heading | null {
  for (const { level, re } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const marker = m[1]!;
    const rest = m[2]!.trim();
    if (rest === '') return null;
    if (/^\d/u.test(marker) && QUANTITY_REST.test(rest)) return null;
    // A weight bracket ends the title even when the body follows on the same line: "（3）X（3分）自评得分3分，…"
    const weight = WEIGHT_IN_TITLE.exec(rest);
    const weightEnd = weight ? weight.index + weight[0].length : -1;
    const firstStop = rest.indexOf('。');
    const stop = weightEnd > 0 && weightEnd < rest.length && (firstStop === -1 || weightEnd < firstStop) ? weightEnd : firstStop;
    let title: string;
    let body = '';
    if (stop === -1) {
      if (rest.length > MAX_BARE_TITLE) return null;
      title = rest;
    } else {
      title = rest.slice(0, stop);
      body = rest.slice(stop === weightEnd ? stop : stop + 1).replace(/^[。，\s]+/u, '').trim();
    }
    title = title.trim();
    if (title === '') return null;
    const bodyOffset = body === '' ? text.length : text.length - body.length;
    return { marker, level, title, body, bodyOffset, line };
  }
  return null;
}
