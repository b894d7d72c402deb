import type { Section } from '../../model/index.js';
import { findShortfalls, type Shortfall } from '../../drafting/shortfalls.js';
import { countOf } from '../../model/computation.js';
import type { ReportContext } from '../report-context.js';
import { normalizeText, wordsOf } from '../understand/words.js';
import type { Answer } from './answer.js';
import { withSourceNames } from './rubric-quote.js';
import { cutText } from './report-figures.js';

const GENERIC = /^(?:预算|资金|管理|情况|绩效|目标|项目|指标|部门|支出|问题|偏低|偏高|未得|满分|不清|反映|数据|基础|前后|超出)$/u;

/** Does the section's text name this shortfall: its indicator, its own words, or one of its figures? */
function names(sectionText: string, shortfall: Shortfall): boolean {
  const text = normalizeText(sectionText);
  if (shortfall.indicator && text.includes(normalizeText(shortfall.indicator))) return true;
  const words = wordsOf(`${shortfall.indicator ?? ''}${shortfall.title}`).filter((w) => w.length >= 2 && !GENERIC.test(w));
  const hits = words.filter((w) => text.includes(w));
  if (hits.some((w) => w.length >= 4) || hits.length >= 2) return true;
  const figures = [...shortfall.facts.matchAll(/\d+(?:\.\d+)?%/gu)].map((m) => m[0]);
  return figures.some((f) => text.includes(f));
}

/** "存在问题那部分写得够不够": which shortfalls (deductions, contradictions) the section names and which it leaves out. */
export function sectionReviewText(report: ReportContext, section: Section, answer: Answer): string[] {
  const body = report.report.lines.slice(section.line, section.endLine).join('\n').trim();
  const where = section.endLine > section.line ? `第 ${section.line}–${section.endLine} 行` : `第 ${section.line} 行`;
  const shortfalls = findShortfalls(report);
  answer.computations.push(...shortfalls.flatMap((s) => s.computations));
  const named = shortfalls.filter((s) => names(body, s));
  const missing = shortfalls.filter((s) => !names(body, s));
  const total = countOf(shortfalls, '个', '扣分和检查发现的问题');
  const namedCount = countOf(named, '个', '这一部分写到的问题');
  answer.computations.push(total, namedCount);
  const isSuggestions = /建议|措施/u.test(section.title);
  const lines: string[] = [];
  if (shortfalls.length === 0) {
    lines.push(`“${section.title}”（${where}）：扣分项和检查结果里没有需要写进去的问题。`);
  } else if (missing.length === 0) {
    lines.push(`“${section.title}”（${where}）写得够：扣分和检查发现的 ${total.shown}问题都写到了。`);
  } else {
    lines.push(
      `“${section.title}”（${where}）写得不够：扣分和检查发现的 ${total.shown}问题，${isSuggestions ? '有针对性建议的' : '写到的'}只有 ${namedCount.shown}。`,
    );
  }
  lines.push(`它现在写的是：“${cutText(body.replace(/\n+/gu, ' '), 160) || '（空）'}”`);
  if (named.length > 0) lines.push('写到了：', ...named.map((s) => `- ${s.brief}（依据第 ${[...new Set(s.lines)].join('、')} 行）`));
  if (missing.length > 0) {
    lines.push(isSuggestions ? '没有针对的问题：' : '没有写到：', ...missing.map((s) => `- ${s.title}：${s.facts}（第 ${[...new Set(s.lines)].join('、')} 行）`));
  }
  const contradicted = report.findings.filter((f) => f.ruleId === 'score/full-score-admits-shortfall' && (f.related ?? []).some((r) => r.line >= section.line && r.line <= section.endLine));
  if (contradicted.length > 0) {
    lines.push('它写的内容与满分的指标矛盾：', ...contradicted.map((f) => `- 第 ${f.line} 行：${withSourceNames(f.message, report.rubric)}`));
    answer.findings.push(...contradicted);
  }
  if (missing.length > 0) lines.push(`可以输入 /draft ${isSuggestions ? '相关建议' : '存在问题'} 起草一版。`);
  return lines;
}
