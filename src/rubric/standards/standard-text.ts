/**
 * Reading a 评分标准 cell: one normal form for every way bureaus type it (full/half-width, Chinese numerals,
 * 百分点/个点/%, 分/points) and small readers for the numbers in it.
 */

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "十二" → 12, "三" → 3, "两" → 2; null for anything else. Small counts only (up to 99). */
export function chineseNumber(text: string): number | null {
  if (/^[零〇一二两三四五六七八九]$/u.test(text)) return CHINESE_DIGITS[text]!;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/u.exec(text);
  if (!m) return null;
  return (m[1] ? CHINESE_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CHINESE_DIGITS[m[2]]! : 0);
}

/** "1" / "0.5" / "一" / "半" → number; null when not a number. */
export function numberOf(text: string): number | null {
  if (/^\d+(?:\.\d+)?$/u.test(text)) return Number(text);
  if (text === '半') return 0.5;
  return chineseNumber(text);
}

/** Number pattern (digits or a small Chinese numeral), for use inside other patterns. */
export const NUM = String.raw`(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十]{1,3})`;

/**
 * Normal form: NFKC (full-width → half-width: ％ → %, （ → (, ； → ;, ＝ → =, ≦ → ≤), spaces dropped, Chinese
 * semicolons/full stops unified, dashes and 至/~ between numbers written as "-", "百分点/个点" → "个百分点".
 */
export function normalizeStandard(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[≦]/gu, '≤')
    .replace(/[≧]/gu, '≥')
    .replace(/<=/gu, '≤')
    .replace(/>=/gu, '≥')
    .replace(/[－—–~～〜]/gu, '-')
    .replace(/(\d%?|\(含\))至(\d)/gu, '$1-$2')
    .replace(/[。;]/gu, ';')
    .replace(/[，、]/gu, ',')
    .replace(/(?<!个)百分点/gu, '个百分点')
    .replace(/个点/gu, '个百分点');
}

/** Split a normalised standard into clauses at ; and , (keeping ranges like 80%-90% whole). */
export function clausesOf(normalized: string): string[] {
  return normalized.split(/[;,]/u).map((c) => c.trim()).filter((c) => c.length > 0);
}

/** Clauses that each end with their score: "≥90%,得5分" stays one clause, "无结余得3分,有结余…得2分" two. */
export function scoredClauses(normalized: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const part of clausesOf(normalized)) {
    const joined = pending ? `${pending},${part}` : part;
    if (clauseScore(part) !== null || /满分|不得分|不扣分/u.test(part) || givesScore(part)) {
      out.push(joined); // a clause that scores in words we cannot read stays alone (and makes bands unreadable)
      pending = '';
    } else {
      pending = joined;
    }
  }
  if (pending) out.push(pending);
  return out;
}

/** "得满分" → 'full'; "得5分" → 5; "不得分"/"得0分"/"0分" → 0; "扣2分" → { deduct: 2 }; null when the clause gives no score. */
export type ClauseScore = { full: true } | { score: number } | { deduct: number } | { fraction: number };

/** Does a clause try to give a score (得…分, 扣…分, 不得分, 满分), whether or not we can read it? */
export function givesScore(clause: string): boolean {
  return /得|扣|满分|计分|给分|赋分/u.test(clause);
}

export function clauseScore(clause: string): ClauseScore | null {
  if (/得满分|满分$|计满分|给满分/u.test(clause)) return { full: true };
  if (/得(?:一半|半数)(?:的)?分(?:值|数)?|得半分|得分值的一半|得分值的50%|得50%(?:的)?分值|按50%(?:计分|得分)/u.test(clause)) return { fraction: 0.5 };
  const share = /得(?:该项|该指标|本项)?(?:分值|权重)的(\d+(?:\.\d+)?)%|得(\d+(?:\.\d+)?)%的?(?:分值|权重)|按(\d+(?:\.\d+)?)%(?:计分|得分)/u.exec(clause);
  if (share) return { fraction: Number(share[1] ?? share[2] ?? share[3]) / 100 };
  if (/不得分|不计分|计0分|得0分$|^0分$/u.test(clause)) return { score: 0 };
  const got = new RegExp(String.raw`(?:得|计|给|评)${NUM}分`, 'u').exec(clause) ?? new RegExp(String.raw`${NUM}分$`, 'u').exec(clause);
  if (got && !/扣/u.test(clause.slice(Math.max(0, got.index - 1), got.index))) {
    const value = numberOf(got[1]!);
    if (value !== null) return { score: value };
  }
  const lost = new RegExp(String.raw`扣(?:除)?${NUM}分`, 'u').exec(clause);
  if (lost) {
    const value = numberOf(lost[1]!);
    if (value !== null) return { deduct: value };
  }
  return null;
}
