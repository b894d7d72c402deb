/** One problem a report's 存在问题 section lists, with the original line it is written on (null: not known). */
export interface ProblemItem {
  text: string;
  line: number | null;
}

/** "1." "（一）" "一、" "①" "(1)" at the start of a line: numbering, not part of the problem. */
const LEADING_MARKER = /^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}(?:[.．、)）](?!\d)|[.．](?=(?:19|20)\d{2}年))|[①-⑳])\s*/u;

/** A line without its list marker: "1.2023年政府采购…" → "2023年政府采购…" (a year right after "1." is text). */
export function withoutMarker(text: string): string {
  return text.trim().replace(LEADING_MARKER, '');
}
/** "一是" "二是" …: one problem each, even on one line. */
const ENUMERATED = /(?:^|(?<=[。；;，,：:]))\s*(?=[一二三四五六七八九十]{1,2}是)/u;
/** A line that only says there are none. */
const NONE = /^(?:无|没有|暂无|未发现(?:明显)?问题)[。.]?$/u;

/** A short line without sentence punctuation ("（一）预算管理方面"): a heading over the problems that follow. */
function isSubheading(text: string): boolean {
  return text.length <= 20 && !/[。；;，,：:]/u.test(text);
}

/**
 * The problems of a 存在问题 section, one by one: each numbered line, each 一是…二是… clause, and a subheading joined
 * to the problem under it ("预算管理方面：…"). Lines are the section's body (heading excluded), with their lines.
 */
export function problemItems(lines: readonly { text: string; line: number | null }[]): ProblemItem[] {
  const items: ProblemItem[] = [];
  let heading: string | null = null;
  for (const { text, line } of lines) {
    const trimmed = text.replace(/\s+/gu, ' ').trim();
    if (trimmed === '' || NONE.test(trimmed)) continue;
    const body = withoutMarker(trimmed);
    if (isSubheading(body)) {
      heading = body;
      continue;
    }
    const pieces = body.split(ENUMERATED).map((p) => p.replace(/^\s*[一二三四五六七八九十]{1,2}是/u, '').replace(/[；;，,]\s*$/u, '').trim()).filter((p) => p !== '');
    for (const piece of pieces.length > 0 ? pieces : [body]) {
      items.push({ text: heading ? `${heading}：${piece}` : piece, line });
      heading = null;
    }
  }
  return items;
}
