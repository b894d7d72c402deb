import type { IndicatorNode } from '../../model/index.js';
import type { ReportContext } from '../report-context.js';
import type { AskedSubject } from '../understand/understand-question.js';
import type { FigureMatch } from '../understand/figure-search.js';
import { recomputedRate } from './lost-points.js';
import type { Answer } from './answer.js';
import { aspectLabel, figurePlace, figureQuote, valueText } from './report-figures.js';

/** Matches grouped by topic and line: 三公经费 预算数 and 决算数 on line 175 are one statement. */
function groups(matches: readonly FigureMatch[]): FigureMatch[][] {
  const out = new Map<string, FigureMatch[]>();
  for (const m of matches) {
    const id = `${m.entry.key}|${m.entry.figure.line}`;
    out.set(id, [...(out.get(id) ?? []), m]);
  }
  return [...out.values()];
}

function statement(group: readonly FigureMatch[]): string {
  const first = group[0]!.entry;
  if (group.length === 1) return `${first.topic} ${valueText(first.figure)}`;
  return `${first.key}${group.map((m) => `${aspectLabel(m.entry)} ${valueText(m.entry.figure)}`).join('，')}`;
}

/** "三公经费是多少" → the figures, their lines and sentences; similar figures when the words do not fit well. */
export function lookupText(context: ReportContext, subjects: readonly AskedSubject[], indicator: IndicatorNode | null, answer: Answer): string[] {
  const place = (g: readonly FigureMatch[]) => figurePlace(context.report, g[0]!.entry.figure);
  const quote = (g: readonly FigureMatch[]) => `- ${figureQuote(context.report, g[0]!.entry)}`;
  const head: string[] = [];
  const evidence: string[] = [];
  const matched: string[] = [];
  for (const subject of subjects) {
    if (indicator && !subject.found) {
      const rate = recomputedRate(context, indicator);
      if (rate) {
        answer.computations.push(...rate.computations);
        head.push(`报告没有直接写“${indicator.name}”的比率，按评分细则的公式算：${rate.text}`);
        matched.push(indicator.name);
        continue;
      }
    }
    if (subject.matches.length === 0) {
      head.push(`报告里没有找到“${subject.text}”的数字。`);
      continue;
    }
    const grouped = groups(subject.matches);
    if (subject.found) {
      const shown = grouped.slice(0, 4);
      head.push(
        shown.length === 1
          ? `${statement(shown[0]!)}（${place(shown[0]!)}）。`
          : `报告里与“${subject.text}”有关的数字有 ${shown.length} 处：${shown.map((g) => `${statement(g)}（${place(g)}）`).join('；')}。`,
      );
      if (shown.length > 1) answer.computations.push({ expression: `与“${subject.text}”有关的数字：共 ${shown.length} 处`, result: String(shown.length), unit: '处', shown: `${shown.length} 处` });
      for (const g of shown) {
        const quoted = quote(g);
        if (!evidence.includes(quoted)) evidence.push(quoted);
      }
      matched.push(...new Set(subject.matches.flatMap((m) => m.matched)));
    } else {
      const shown = grouped.slice(0, 3);
      head.push(`报告里没有写“${subject.text}”本身。相近的数字：${shown.map((g) => `${statement(g)}（${place(g)}）`).join('；')}。`);
      for (const g of shown) evidence.push(quote(g));
    }
    answer.memo.topic ??= subject.text;
  }
  const lines = [...head];
  if (evidence.length > 0) lines.push('原文：', ...evidence);
  const words = [...new Set(matched)];
  const longest = words.filter((w) => !words.some((o) => o !== w && o.includes(w)));
  if (longest.length > 0) lines.push(`（按报告中的“${longest.slice(0, 4).join('”“')}”查找）`);
  return lines;
}
