import type { Finding, IndicatorNode, Rubric } from '../../model/index.js';
import { countOf } from '../../model/computation.js';
import type { ReportContext } from '../report-context.js';
import type { Answer } from './answer.js';
import { withSourceNames } from './rubric-quote.js';
import { cutText } from './report-figures.js';
import { generalText } from './general-text.js';

/** Rules whose findings say that two places of the report disagree. */
const CONSISTENCY_RULES = /^(?:consistency\/|formula\/(?:sum-of-parts|ratio|year-on-year|coverage-rate)|score\/(?:total-matches|parent-score))/u;

function findingText(finding: Finding, rubric: Rubric, report: ReportContext['report']): string[] {
  const lines = [`- 第 ${finding.line} 行：${generalText(withSourceNames(finding.message, rubric), report)}`];
  if (finding.formula && !finding.message.includes(finding.formula)) lines.push(`  计算：${finding.formula}`);
  const related = (finding.related ?? []).filter((r) => r.line !== finding.line).slice(0, 3);
  for (const r of related) lines.push(`  第 ${r.line} 行原文：“${cutText(r.text, 80)}”`);
  return lines;
}

const textOf = (f: Finding) => [f.message, f.actual, f.expected, f.formula, ...(f.related ?? []).map((r) => r.text)].filter(Boolean).join(' ');

function relevance(finding: Finding, lines: readonly number[], nodes: readonly IndicatorNode[], numbers: readonly string[]): number {
  let score = 0;
  const text = textOf(finding);
  for (const n of numbers) if (new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d])`, 'u').test(text)) score += 3;
  if (lines.includes(finding.line)) score += 2;
  if ((finding.related ?? []).some((r) => lines.includes(r.line))) score += 1;
  if (nodes.some((n) => n.id === finding.indicatorId || (finding.line >= n.line && finding.line <= (n.evidenceLines?.[1] ?? n.line)))) score += 2;
  return score;
}

interface FindingsRequest {
  consistency: boolean;
  lines: number[];
  nodes: IndicatorNode[];
  numbers: string[];
  topic: string;
}

/** "报告里有哪些数字前后不一致" / "结转结余率是0但支出率只有58.48%，这样写有问题吗": from the check findings. */
export function findingsText(context: ReportContext, request: FindingsRequest, answer: Answer): string[] {
  const specific = request.lines.length > 0 || request.nodes.length > 0 || request.numbers.length > 0;
  let chosen: Finding[];
  if (specific) {
    chosen = context.findings
      .map((f) => ({ f, score: relevance(f, request.lines, request.nodes, request.numbers) }))
      .filter((x) => x.score >= 2 && (!request.consistency || CONSISTENCY_RULES.test(x.f.ruleId) || x.score >= 3))
      .sort((a, b) => b.score - a.score)
      .map((x) => x.f);
  } else {
    chosen = context.findings.filter((f) => CONSISTENCY_RULES.test(f.ruleId) && f.severity !== 'info');
  }
  chosen = chosen.slice(0, 6);
  answer.findings.push(...chosen);
  if (chosen.length === 0) {
    return [
      specific
        ? `检查没有发现与“${request.topic || request.nodes[0]?.name || '这一处'}”有关的问题。`
        : '检查没有发现前后不一致的数字。',
    ];
  }
  const count = countOf(chosen, '处', '相关的检查结果');
  answer.computations.push(count);
  const first = chosen[0]!;
  const head = specific
    ? `有问题：${generalText(withSourceNames(first.message, context.rubric), context.report)}`
    : `检查发现 ${count.shown}前后不一致：`;
  const body = specific
    ? [...findingText(first, context.rubric, context.report).slice(1), ...(chosen.length > 1 ? ['相关的其他检查结果：', ...chosen.slice(1).flatMap((f) => findingText(f, context.rubric, context.report))] : [])]
    : chosen.flatMap((f) => findingText(f, context.rubric, context.report));
  if (specific && first.formula) answer.quoted.push({ text: first.formula, label: `finding ${first.ruleId}` });
  answer.memo.items = chosen.map((f) => `finding:${f.ruleId}:${f.line}`);
  return [head, ...body];
}
