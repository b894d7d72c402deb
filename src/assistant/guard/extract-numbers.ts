/**
 * Find every figure written with Arabic digits in a text, with its unit. Chinese numerals (一是、二是、两项) are
 * words, not figures, and are never extracted. The same extractor reads outgoing messages and the evidence they
 * must trace to, so both sides agree on what "a number with its unit" is.
 */
export type NumberKind = 'quantity' | 'year' | 'line';

export interface NumberMention {
  text: string; // as written: "58.48%", "65.02 万元", "第 125 行"
  value: string; // plain decimal without sign or thousands separators: "58.48", "285.53"
  unit: string; // canonical unit: "%", "万元", "分", "个", "人" … or "" when none
  kind: NumberKind;
  index: number; // offset of the digits in the text
  end: number; // offset just after the number and its unit
}

/** Units, longest first so that "个工作日" wins over "个" and "万元" over "万". */
const UNITS = [
  '个百分点', '个工作日', '万人次', '万余户', '万余人', '万余笔', '万余元', '万户', '万人', '万笔', '万元', '亿元',
  '人次', '架次', '小时', '年度', '工作日', '百分点',
  '%', '‰', '元', '个', '项', '人', '名', '台', '条', '笔', '户', '家', '件', '篇', '份', '路', '架', '次', '分', '年', '月', '日',
  '天', '倍', '批', '处', '场', '册', '套', '辆', '所', '座', '间', '期', '届', '周', '号', '万',
] as const;

const UNIT_ALIASES: Record<string, string> = { '％': '%', '百分点': '个百分点', '工作日': '个工作日', '名': '人', '年度': '年' };

const NUMBER = /(?<![A-Za-z\d.#_])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/gu;

/** Full-width digits and signs to ASCII, so "５８．４８％" reads like "58.48%". */
export function toHalfWidth(text: string): string {
  return text.replace(/[０-９．％]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Offsets of list markers at the start of a line ("1. ", "2、", "（3）", "(4)"): numbering, not figures. */
function listMarkerOffsets(text: string): Set<number> {
  const offsets = new Set<number>();
  const marker = /(^|\n)[ \t>*-]*(?:[（(](\d{1,2})[)）]|(\d{1,2})(?:[.、．)）](?!\d)))/gu;
  for (const m of text.matchAll(marker)) {
    const digits = m[2] ?? m[3]!;
    offsets.add(m.index + m[0].lastIndexOf(digits));
  }
  return offsets;
}

export function canonicalUnit(unit: string): string {
  return UNIT_ALIASES[unit] ?? unit;
}

/** Offsets of digits inside line references: "第 43、51 行", "第 113 至 117 行". */
function lineReferenceOffsets(text: string): Set<number> {
  const offsets = new Set<number>();
  for (const m of text.matchAll(/第\s{0,2}\d+(?:\s{0,2}(?:、|,|，|和|及|至|到|-|–|~)\s{0,2}\d+)*\s{0,2}行/gu)) {
    for (const d of m[0].matchAll(/\d+/gu)) offsets.add(m.index + d.index);
  }
  return offsets;
}

/** Offsets of digits inside cell places, not figures: "第 5 列" of "表 1 第 4 行第 5 列", "E4" of "自评表!E4". */
function cellReferenceOffsets(text: string): Set<number> {
  const offsets = new Set<number>();
  for (const m of text.matchAll(/行\s{0,2}第\s{0,2}(\d+)\s{0,2}列/gu)) offsets.add(m.index + m[0].indexOf(m[1]!, 2));
  for (const m of text.matchAll(/!\$?[A-Z]{1,3}\$?(\d+)/gu)) offsets.add(m.index + m[0].length - m[1]!.length);
  return offsets;
}

/** A document's file name as drafts and answers cite it: "farm-2023.docx", "乐昌2024自评报告.txt" (a RegExp source). */
export const FILE_NAME = '[\\p{Script=Han}A-Za-z0-9_\\-]{1,40}\\.(?:txt|md|docx?|wps|pdf|xlsx?|et|html?|csv)';
/** What a file name follows: the start of the text, a space or opening punctuation (a RegExp source). */
export const NAME_START = '[\\s（(“"「《：:，,、；;]';

const FILE_NAMES = new RegExp(`(?<=^|${NAME_START})${FILE_NAME}(?![A-Za-z0-9])`, 'giu');

/** A unit word right after a number (spaces allowed): "表 3 人" is a count of people, not table 3. */
const UNIT_AFTER = new RegExp(`^\\s{0,2}(?:${UNITS.join('|')}|％|\\.?\\d)`, 'u');

/** Reference digits in a place: table numbers, table/page rows, columns, pages, paragraphs, attachments. */
const PLACE_PATTERNS: RegExp[] = [
  // 表 1 / 附表2 / 表 3-1, optionally with its row and column: "表 1 第 6 行第 6 列"
  /表\s{0,2}\d{1,3}(?:[-－—]\d{1,3})?(?:\s{0,2}第\s{0,2}\d+\s{0,2}行)?(?:\s{0,2}第\s{0,2}\d+\s{0,2}列)?/gu,
  // 第 2 页, and the line within that page: "第 2 页第 5 行"
  /第\s{0,2}\d+\s{0,2}页(?:\s{0,2}第\s{0,2}\d+\s{0,2}行)?/gu,
  /第\s{0,2}\d+\s{0,2}[段列]/gu,
  /附件\s{0,2}\d{1,3}(?:[-－—]\d{1,3})?/gu,
];

/**
 * Offsets of digits that name a place, not a quantity: "表 1 第 6 行第 6 列", "第 3 段", "第 2 页第 5 行", "附件2", and
 * the digits of a file name ("farm-2023.docx", "乐昌2024自评报告.txt"). A number followed by a unit is never one
 * ("代表3人", "附件3份", "报告2024年.docx" stay figures); a plain "第 N 行" is a report line (checked as such).
 */
function placeReferenceOffsets(text: string): Set<number> {
  const offsets = new Set<number>();
  const add = (start: number, whole: string, digitsFrom = 0) => {
    for (const d of whole.slice(digitsFrom).matchAll(/\d+/gu)) {
      const at = start + digitsFrom + d.index;
      if (!UNIT_AFTER.test(text.slice(at + d[0].length))) offsets.add(at);
    }
  };
  for (const pattern of PLACE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const first = /\d+/u.exec(m[0])!;
      // The place's first number decides: "表 3 人" / "附件3份" are counts, and so is everything after them.
      if (UNIT_AFTER.test(text.slice(m.index + first.index + first[0].length))) continue;
      add(m.index, m[0]);
    }
  }
  // A file name starts after a delimiter, so that the words before it are not taken for its name.
  for (const m of text.matchAll(FILE_NAMES)) add(m.index, m[0]);
  return offsets;
}

export function extractNumbers(input: string): NumberMention[] {
  const text = toHalfWidth(input);
  const markers = listMarkerOffsets(text);
  for (const offset of cellReferenceOffsets(text)) markers.add(offset);
  for (const offset of placeReferenceOffsets(text)) markers.add(offset);
  const lineRefs = lineReferenceOffsets(text);
  const mentions: NumberMention[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const digitsAt = m.index;
    if (markers.has(digitsAt)) continue;
    const after = text.slice(m.index + m[0].length);
    if (/^[A-Za-z]/u.test(after)) continue; // codes such as "4o", "2x"
    if (/^\.\d/u.test(after)) continue; // a version or an IP-like code, not a figure
    const value = `${m[1]!.replace(/,/gu, '')}${m[2] ?? ''}`;
    const spaced = /^\s{0,2}/u.exec(after)![0];
    const rest = after.slice(spaced.length);
    const unitWord = UNITS.find((u) => rest.startsWith(u)) ?? (rest.startsWith('％') ? '％' : '');
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    const isLine = lineRefs.has(digitsAt) || (/第\s{0,2}$/u.test(before) && /^行/u.test(rest));
    const unit = isLine ? '行' : canonicalUnit(unitWord);
    const kind: NumberKind = isLine ? 'line' : /^(?:19|20)\d{2}$/u.test(value) && unit === '年' ? 'year' : 'quantity';
    const written = isLine ? `第${m[0]}行` : `${m[0]}${unitWord ? spaced + unitWord : ''}`;
    const unitLength = isLine ? (rest.startsWith('行') ? spaced.length + 1 : 0) : unitWord ? spaced.length + unitWord.length : 0;
    mentions.push({ text: written, value: normalizeValue(value), unit, kind, index: digitsAt, end: digitsAt + m[0].length + unitLength });
  }
  return mentions;
}

/** "058.480" → "58.48", "100" → "100", "0.0693" → "0.0693". */
export function normalizeValue(value: string): string {
  let [integer, fraction = ''] = value.split('.');
  integer = integer!.replace(/^0+(?=\d)/u, '');
  fraction = fraction.replace(/0+$/u, '');
  return fraction ? `${integer}.${fraction}` : integer;
}
