import type { Citation, Rubric, RubricIndicator } from '../../model/index.js';
import type { QuotedPassage } from '../guard/number-trace.js';
import type { AnswerContext } from './answer.js';

const CONFIDENCE: Record<string, string> = { high: '高', medium: '中', low: '低', none: '无' };

export function rubricSource(rubric: Rubric): string {
  return `knowledge/rubrics/${rubric.id}.yaml`;
}

export function isRuleUnknown(indicator: RubricIndicator | null | undefined): boolean {
  return !indicator?.rule || indicator.rule.kind === 'unknown';
}

/**
 * Source codes of the rubric ("S5", "S2–S4") replaced by the sources' titles, so that people read names, not codes.
 * Codes the rubric does not list stay as written.
 */
export function withSourceNames(text: string, rubric: Pick<Rubric, 'sources'>): string {
  const title = (id: string) => rubric.sources.find((s) => s.id === id)?.title;
  return text.replace(/(?<![A-Za-z0-9])S(\d{1,2})(?:\s*[–—-]\s*S(\d{1,2}))?(?![\dA-Za-z])/gu, (whole, from: string, to?: string) => {
    const ids = to ? Array.from({ length: Math.max(0, Number(to) - Number(from)) + 1 }, (_, i) => `S${Number(from) + i}`) : [`S${from}`];
    const names = ids.map(title).filter((t): t is string => Boolean(t));
    return names.length > 0 ? names.join('、') : whole;
  });
}

/** The rubric's source titles as one text: the guard's evidence for numbers inside them ("2021 部门整体绩效自评表"). */
export function sourceTitles(rubric: Pick<Rubric, 'sources'>): string {
  return rubric.sources.map((s) => s.title).join('；');
}

/** "S5、S6（可信度低）" */
export function sourcesText(sources: readonly { id: string; confidence: string }[]): string {
  if (sources.length === 0) return '无出处';
  const lowest = sources.map((s) => s.confidence).sort((a, b) => order(a) - order(b))[0]!;
  return `${sources.map((s) => s.id).join('、')}（可信度${CONFIDENCE[lowest] ?? lowest}）`;
}

function order(confidence: string): number {
  return { none: 0, low: 1, medium: 2, high: 3 }[confidence] ?? 0;
}

/** The rubric's entry for an indicator as a quoted passage: weight, definition, formula and scoring rule. */
export function rubricQuote(rubric: Rubric, indicator: RubricIndicator): QuotedPassage {
  const parts = [`${indicator.name}（${indicator.weight} 分）：${indicator.definition}`];
  if (indicator.formula) parts.push(`公式：${indicator.formula.expression}。`);
  if (indicator.rule) {
    const rule = indicator.rule;
    const detail =
      rule.kind === 'control-rate'
        ? `（不超过 ${rule.limit}% 得满分，每超 1 个百分点扣 ${rule.perPoint} 分）`
        : rule.kind === 'bands'
          ? `（分档：${rule.bands.map((b) => `${b.min ?? '-∞'}%–${b.max ?? '∞'}% 得分值的 ${b.fraction}`).join('；')}）`
          : '';
    parts.push(`计分：${rule.description}${detail}（出处 ${sourcesText(rule.sources)}）`);
    // What the sample shows is kept in the sources' notes; generalQuote leaves it out about any other report.
    const sampleNotes = rule.sources.map((s) => s.note ?? '').filter((note) => /样例/u.test(note));
    if (sampleNotes.length > 0) parts.push(`${sampleNotes.join('；')}。`);
  }
  return { source: rubricSource(rubric), quote: parts.join(' ') };
}

/**
 * Knowledge-base passages about one indicator: its own guide page first, and within it the sections named in
 * `sections` (e.g. 常见失分情形, 计算公式) before the others. Empty without a knowledge base (and, with `ownOnly`, without
 * a page of its own).
 */
export async function guidePassages(context: AnswerContext, name: string, topic: string, k = 2, sections: readonly string[] = [], ownOnly = false): Promise<Citation[]> {
  if (!context.knowledge) return [];
  const { results } = await context.knowledge.search(`${name} ${topic} ${sections.join(' ')}`, { scope: context.scope, k: 10 });
  const own = results.filter((r) => r.source.includes(name) || r.title.includes(name));
  // `ownOnly`: a passage about another indicator (预算编制规范性 for 项目支出执行率) says nothing about this one.
  const pool = own.length > 0 || ownOnly ? own : results;
  const rank = (r: Citation) => {
    const index = sections.findIndex((s) => r.sectionPath.some((p) => p.includes(s)));
    return index < 0 ? sections.length : index;
  };
  return [...pool].sort((a, b) => rank(a) - rank(b)).slice(0, k);
}

/** The guide sections that answer a question: 怎么算 → 计算公式, 扣分 → 评分规则 and 失分, 怎么写 → 证据. */
export function sectionsFor(question: string): string[] {
  const sections: string[] = [];
  if (/怎么算|如何计算|公式|计算|是什么|什么意思|含义/u.test(question)) sections.push('计算公式', '衡量什么');
  if (/扣|失分|丢分|满分|计分|得分|几分/u.test(question)) sections.push('分值与评分规则', '常见失分情形');
  if (/写|证据|材料|说明/u.test(question)) sections.push('报告中应写明的证据');
  return sections;
}

/** The sentences of a passage that speak about `words` (falls back to the start of the passage). */
export function excerpt(text: string, words: readonly string[], maxLength = 200): string {
  const sentences = text.split(/(?<=[。；！？\n])/u).map((s) => s.trim()).filter(Boolean);
  const hits = sentences.filter((s) => words.some((w) => s.includes(w)));
  const chosen = (hits.length > 0 ? hits : sentences).join(' ');
  return chosen.length > maxLength ? `${chosen.slice(0, maxLength)}…` : chosen;
}
