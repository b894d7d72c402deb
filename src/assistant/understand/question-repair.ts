import type { Report } from '../../model/index.js';
import { queryOf } from '../../report/query/report-query.js';

/**
 * A question as the rest of understanding expects it: typos of report vocabulary corrected ("总份对吗" → "总分对吗",
 * "政府采够执行率" → "政府采购执行率") and an English question put into the Chinese words the answers are keyed on.
 * Only known vocabulary is ever written in: a word is replaced when it differs from a report or domain term by one
 * character that is a known look-/sound-alike, or by any one character in a term of six or more ("资产管理" stays).
 */

/** Domain words every report shares (the report's own indicator names and section titles are added per report). */
const DOMAIN_TERMS = [
  '总分', '得分', '扣分', '分值', '满分', '自评', '自评得分', '预算', '决算', '执行率', '支出率', '结余率', '结转结余',
  '三公经费', '公用经费', '基本支出', '项目支出', '存在问题', '相关建议', '自评结论', '主要绩效', '政府采购', '绩效目标',
  '预算执行', '资金管理', '编制', '收入', '支出', '上年', '去年', '说明', '批注', '模板', '起草', '全文', '检查', '详情',
];

/** Characters people type for one another (same or near pinyin, same shape); each group reads as its first member. */
const CONFUSABLE_GROUPS = [
  '分份粉芬纷', '扣叩寇', '绩继积迹', '效校笑', '预予与', '决绝诀', '执值直职', '率律绿', '支只知枝', '结节接洁',
  '余于鱼', '评凭平苹', '采彩菜', '购够构', '经径精', '费废肥', '核合和', '查察茶', '标表彪', '指只纸止', '项像向象',
  '算蒜', '编遍变', '制治质', '批披', '注住主', '稿搞', '总综宗', '满慢曼', '检简减', '改该', '详祥', '情请清',
];
const CANON = new Map<string, string>();
for (const group of CONFUSABLE_GROUPS) for (const char of group) if (!CANON.has(char)) CANON.set(char, group[0]!);
const canon = (char: string) => CANON.get(char) ?? char;

/** English phrases → the Chinese words the understanding step and the answers know (longest first). */
const ENGLISH: [RegExp, string][] = [
  [/\bwhy\b.*\b(?:lose|lost|deduct(?:ed|ion)?s?|lower)\b.*\bpoints?\b|\bwhy\b.*\bpoints?\b.*\b(?:lost|deducted)\b/iu, '为什么扣分了'],
  [/\bwhich\b.*\bindicators?\b.*\b(?:lost|deducted|not full)\b/iu, '哪些指标扣分了'],
  [/\b(?:is|are)\b.*\btotal score\b.*\b(?:right|correct)\b|\btotal score\b.*\b(?:right|correct)\b/iu, '总分对吗'],
  [/\bhow\b.*\b(?:fix|improve|correct|get full (?:marks|points))\b/iu, '那怎么改'],
  [/\b(?:check|review|audit)\b.*\breport\b/iu, '帮我检查一下报告'],
  [/\b(?:write|draft)\b.*\bproblems?\b/iu, '帮我起草存在问题'],
  [/\b(?:write|draft)\b.*\bsuggestions?\b/iu, '帮我起草相关建议'],
  [/\b(?:write|draft)\b.*\b(?:paragraph|explanation|note)\b/iu, '帮我写一段说明'],
  [/\b(?:shorter|more concise)\b/iu, '短一点'],
  [/\b(?:word|docx)\b.*\b(?:file|document|version)?\b/iu, '发我Word文件'],
  [/\blast year\b|\bprevious year\b/iu, '去年呢'],
  [/\b(?:three public|sangong)\b/iu, '三公经费是多少'],
  [/\bhow\b.*\b(?:calculated|compute|calculate)\b.*\bcarry[- ]?over\b|\bcarry[- ]?over\b.*\brate\b/iu, '结转结余率怎么算'],
  [/\bprocurement\b/iu, '政府采购执行率怎么算'],
  [/\bbudget execution\b|\bspending rate\b/iu, '部门预算资金支出率怎么算'],
  [/\bhelp\b|\bwhat can you do\b/iu, '帮助'],
];

/** Mostly Latin letters and no Han characters: an English question. */
export function isEnglish(text: string): boolean {
  const latin = (text.match(/[A-Za-z]/gu) ?? []).length;
  return latin >= 6 && !/\p{Script=Han}/u.test(text);
}

/** The Chinese question an English one stands for, or null when none of the known phrasings fits. */
export function fromEnglish(text: string): string | null {
  for (const [pattern, chinese] of ENGLISH) if (pattern.test(text)) return chinese;
  return null;
}

/** The report's own vocabulary for typo matching: indicator names and section titles, plus the domain words. */
export function vocabularyTerms(report: Report | null): string[] {
  const own = report ? [...queryOf(report).indicators().map((n) => n.name), ...report.sections.map((s) => s.title)] : [];
  const terms = new Set<string>();
  for (const term of [...DOMAIN_TERMS, ...own]) {
    const han = term.replace(/[^\p{Script=Han}]/gu, '');
    if (han.length >= 2 && han.length <= 12) terms.add(han);
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

/** Whether `window` is `term` with one character mistyped (see the module comment for which ones count). */
function oneOff(window: string, term: string): boolean {
  if (window === term || window.length !== term.length) return false;
  let differences = 0;
  let alike = true;
  for (let i = 0; i < term.length; i += 1) {
    if (window[i] === term[i]) continue;
    differences += 1;
    if (canon(window[i]!) !== canon(term[i]!)) alike = false;
  }
  return differences === 1 && (alike || term.length >= 6);
}

/** Correct mistyped report vocabulary in a Chinese question; text already containing a term there is left as is. */
export function repairTypos(text: string, terms: readonly string[]): string {
  let out = text;
  const known = new Set(terms);
  for (const term of terms) {
    if (out.includes(term)) continue;
    for (let i = 0; i + term.length <= out.length; i += 1) {
      const window = out.slice(i, i + term.length);
      if (!/^\p{Script=Han}+$/u.test(window) || known.has(window) || !oneOff(window, term)) continue;
      // Do not "correct" a window that overlaps a term already spelled right ("得分" inside "自评得分").
      if (terms.some((t) => t.length > term.length && out.includes(t) && out.indexOf(t) <= i && out.indexOf(t) + t.length >= i + term.length)) continue;
      out = out.slice(0, i) + term + out.slice(i + term.length);
      break;
    }
  }
  return out;
}

export interface RepairedQuestion {
  text: string;
  /** What was changed, for the log and for a short "按“总分”理解" note. */
  corrected: boolean;
  english: boolean;
}

/** The question with typos corrected, or its Chinese equivalent when it is English. */
export function repairQuestion(text: string, report: Report | null): RepairedQuestion {
  if (isEnglish(text)) {
    const chinese = fromEnglish(text);
    return { text: chinese ?? text, corrected: chinese !== null, english: true };
  }
  const repaired = repairTypos(text, vocabularyTerms(report));
  return { text: repaired, corrected: repaired !== text, english: false };
}
