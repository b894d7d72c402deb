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
  }
  return { source: rubricSource(rubric), quote: parts.join(' ') };
}

/** Knowledge-base passages about one indicator: its guide page first. Empty without a knowledge base. */
export async function guidePassages(context: AnswerContext, name: string, topic: string, k = 2): Promise<Citation[]> {
  if (!context.knowledge) return [];
  const { results } = await context.knowledge.search(`${name} ${topic}`, { scope: context.scope, k: 8 });
  const own = results.filter((r) => r.source.includes(name) || r.title.includes(name));
  return (own.length > 0 ? own : results).slice(0, k);
}

/** The sentences of a passage that speak about `words` (falls back to the start of the passage). */
export function excerpt(text: string, words: readonly string[], maxLength = 200): string {
  const sentences = text.split(/(?<=[。；！？\n])/u).map((s) => s.trim()).filter(Boolean);
  const hits = sentences.filter((s) => words.some((w) => s.includes(w)));
  const chosen = (hits.length > 0 ? hits : sentences).join('');
  return chosen.length > maxLength ? `${chosen.slice(0, maxLength)}…` : chosen;
}
