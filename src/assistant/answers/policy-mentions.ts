/**
 * The numbers a question gives (“执行率91%，这项10分”, “在职20人，编制18人”, “今年三公预算12万，去年15万”), each with
 * its unit and the words just before it, so that policy answers can apply a rule to them. Years and document numbers
 * (2024年, 财预〔2020〕10号) are not figures.
 */
export type MentionUnit = '%' | '分' | '万元' | '元' | '亿元' | '人' | '';

export interface Mention {
  value: string; // decimal text as written: "91", "9.5"
  unit: MentionUnit;
  label: string; // the words before the number since the last number or punctuation: "执行率", "这项", "去年"
  after: string; // a few characters after the unit: "能得几分"
  index: number;
}

const UNIT: Record<string, MentionUnit> = { '%': '%', '％': '%', 个百分点: '%', 分: '分', 万元: '万元', 万: '万元', 元: '元', 亿元: '亿元', 亿: '亿元', 人: '人', 名: '人', 个人: '人' };

/** Document numbers, years, dates and ordinals blanked out (same length, so indexes stay). */
function blankNonFigures(text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  return text
    .replace(/[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号/gu, blank)
    .replace(/\d{4}\s*年(?:度)?/gu, blank)
    .replace(/\d{1,2}\s*月(?:份)?/gu, blank)
    .replace(/第\s*\d+\s*[条项个款]/gu, blank);
}

export function mentionsIn(question: string): Mention[] {
  const text = blankNonFigures(question.normalize('NFKC'));
  const out: Mention[] = [];
  const pattern = /(\d+(?:\.\d+)?)\s*(个百分点|万元|亿元|个人|%|％|分|万|元|亿|人|名)?/gu;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const index = m.index ?? 0;
    const before = text.slice(last, index);
    const label = before.split(/[，,。；;：:？?！!、\s]/u).filter((p) => p.trim() !== '').at(-1)?.trim() ?? before.trim();
    const end = index + m[0].length;
    out.push({ value: m[1]!, unit: UNIT[m[2] ?? ''] ?? '', label, after: text.slice(end, end + 8), index });
    last = end;
  }
  return out;
}
