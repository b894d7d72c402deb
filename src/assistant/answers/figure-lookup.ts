import { STATED_VALUE_ROLES, type IndicatorNode } from '../../model/index.js';
import type { ReportContext } from '../report-context.js';
import type { AskedSubject } from '../understand/understand-question.js';
import type { FigureMatch } from '../understand/figure-search.js';
import { recomputedRate } from './lost-points.js';
import type { Answer } from './answer.js';
import { aspectLabel, figurePlace, figureQuote, inReply, valueText } from './report-figures.js';
import { indicatorTruth, nodePlace } from '../../drafting/indicator-truth.js';
import { queryOf } from '../../report/query/report-query.js';
import { plain } from '../../model/decimal.js';
import { reportCitation } from './report-citation.js';

/** A citation added once. */
function cite(answer: Answer, citation: Answer['citations'][number]): void {
  if (!answer.citations.some((c) => c.source === citation.source && c.line === citation.line && c.quote === citation.quote)) answer.citations.push(citation);
}

/** The scored leaf a lookup asks about: the indicator itself, or its one leaf named like the asked words. */
function leafAsked(context: ReportContext, text: string, indicator: IndicatorNode | null): IndicatorNode | null {
  if (!indicator) return null;
  if (indicator.children.length === 0) return indicator;
  const key = text.replace(/\s+/gu, '');
  const named = queryOf(context.report).leaves().filter((n) => n.path[0] === indicator.path[0] && (n.name.includes(key) || key.includes(n.name)));
  return named.length === 1 ? named[0]! : null;
}

/**
 * "项目支出执行率是多少" on an indicator: the value the report states for it, with its cell, and the score; the numbers
 * of its 评分标准 are bands, never the answer. Null when the report states no value for it.
 */
function indicatorValue(context: ReportContext, node: IndicatorNode, answer: Answer): string[] | null {
  const { actual } = indicatorTruth(context, node);
  const score = node.weight !== null && node.score !== null ? `该项分值 ${plain(node.weight)} 分，自评 ${plain(node.score)} 分（${inReply(nodePlace(context.report, node), node.line)}）。` : '';
  if (!actual) {
    if (!node.standard) return null;
    const standardLine = node.standardLine ?? node.line;
    answer.citations.push(reportCitation(context, standardLine, node.standard));
    return [`报告没有写明“${node.name}”的实际值：这一行只有评分标准“${node.standard}”${score ? `和得分。${score}` : '。'}评分标准里的数是计分档次，不是实际值。`];
  }
  answer.citations.push(reportCitation(context, actual.line, actual.quote));
  answer.memo.topic ??= node.name;
  return [`${node.name}：报告写明为 ${actual.text}（${inReply(actual.place, actual.line)}，${actual.label}“${actual.quote}”）。${score}`];
}

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
  for (let subject of subjects) {
    const leaf = leafAsked(context, subject.text, indicator);
    const value = leaf ? indicatorValue(context, leaf, answer) : null;
    if (value) {
      head.push(...value);
      continue;
    }
    // Numbers of a scoring standard (thresholds, bands) are not what the report states; weights and scores only when
    // nothing else fits.
    const notThresholds = subject.matches.filter((m) => m.entry.figure.role !== 'threshold');
    const stated = notThresholds.filter((m) => STATED_VALUE_ROLES.has(m.entry.figure.role) || m.entry.figure.role === 'target');
    subject = { ...subject, matches: stated.length > 0 ? stated : notThresholds };
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
        cite(answer, reportCitation(context, g[0]!.entry.figure.line, g[0]!.entry.sentence));
      }
      matched.push(...new Set(subject.matches.flatMap((m) => m.matched)));
    } else {
      const shown = grouped.slice(0, 3);
      head.push(`报告里没有写“${subject.text}”本身。相近的数字：${shown.map((g) => `${statement(g)}（${place(g)}）`).join('；')}。`);
      for (const g of shown) {
        evidence.push(quote(g));
        cite(answer, reportCitation(context, g[0]!.entry.figure.line, g[0]!.entry.sentence));
      }
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
