import type { IndicatorNode } from '../../model/index.js';
import { statedRateOf } from '../../checks/rubric-rate.js';
import { countOf, differenceOf, sumOf } from '../../model/computation.js';
import { deductedLeaves, findingsAbout, rubricOf, type ReportContext } from '../report-context.js';
import type { Answer, AnswerContext } from './answer.js';
import { ASK_FOR_LOCAL_RULES } from './lost-points.js';
import { firstTime, LOCAL_RULES_NOTICE } from './notices.js';
import { isRuleUnknown, withSourceNames } from './rubric-quote.js';
import { valueText } from './report-figures.js';
import { generalQuote, generalText } from './general-text.js';

/** What the rubric (or the report's own 评分标准) needs for full marks on one indicator, or "本地规则未知". */
function needs(report: ReportContext, node: IndicatorNode, answer: Answer): string {
  if (node.standard) return `报告自己的评分标准（第 ${node.standardLine ?? node.line} 行）：${node.standard}`;
  const rubric = rubricOf(report, node);
  if (!rubric) return '本地规则未知：评分细则里没有这个指标。';
  const rule = rubric.rule;
  if (!rule || isRuleUnknown(rubric)) {
    answer.quoted.push({ text: generalText(withSourceNames(rule?.description ?? '', report.rubric), report.report), label: 'rubric rule' });
    return `本地规则未知。评分细则的说明：${generalText(withSourceNames(rule?.description ?? '无', report.rubric), report.report) || '无'}`;
  }
  if (rule.kind === 'control-rate') return `按评分细则：不超过 ${rule.limit}% 得满分，每超 1 个百分点扣 ${rule.perPoint} 分。`;
  if (rule.kind === 'proportional') {
    answer.quoted.push({ text: '完成比例达到 100% 得满分', label: 'proportional rule' });
    return '按评分细则：得分 = 完成比例 × 分值，要达到 100% 才能满分。';
  }
  if (rule.kind !== 'bands') return `按评分细则：${withSourceNames(rule.description, report.rubric)}`;
  const full = rule.bands.filter((b) => b.fraction >= 1).map((b) => b.min).filter((m): m is number => m !== null);
  return full.length > 0 ? `按评分细则：达到 ${Math.min(...full)}% 即可满分。` : `按评分细则：${rule.description}`;
}

/** "明年怎么才能拿满分" / "哪些地方能提分": every deducted indicator, what it needs, and what the report says now. */
export function whatItTakesText(context: AnswerContext, report: ReportContext, answer: Answer): string[] {
  const deducted = deductedLeaves(report);
  if (deducted.length === 0) return ['所有考核指标已经是满分，没有可以提分的扣分项。'];
  const count = countOf(deducted, '个', '扣分指标');
  const lost = sumOf(deducted.map((n) => differenceOf({ value: n.weight!, unit: '分' }, { value: n.score!, unit: '分' }).result), '分');
  answer.computations.push(count, lost);
  const lines = [`要拿满分，得把 ${count.shown}扣分指标补回来，合计 ${lost.shown}：`];
  let unknown = false;
  const said = new Set<string>();
  deducted.forEach((node, i) => {
    const gap = differenceOf({ value: node.weight!, unit: '分' }, { value: node.score!, unit: '分' });
    answer.computations.push(gap);
    const rubric = rubricOf(report, node);
    const stated = rubric ? statedRateOf(report.report, node, rubric) : null;
    const now = stated ? `报告写的是 ${valueText(stated)}（第 ${stated.line} 行）` : node.reason ? `报告的说明：${node.reason.replace(/[。；]+$/u, '')}` : '报告没有写扣分原因';
    let need = needs(report, node, answer);
    if (said.has(need)) need = need.startsWith('本地规则未知') ? '本地规则未知（评分细则的说明同上）。' : `${need}（同上）`;
    else said.add(need);
    if (need.startsWith('本地规则未知')) unknown = true;
    lines.push(`${i + 1}. ${node.name}：${node.weight} → ${node.score} 分，扣 ${gap.shown}（第 ${node.scoreLine ?? node.line} 行）。${now}。`);
    lines.push(`   需要：${need}`);
    const advice = findingsAbout(report, node).find((f) => f.ruleId === 'formula/rubric-rate');
    if (advice) lines.push(`   另外：${withSourceNames(advice.message, report.rubric)}`);
  });
  answer.memo.items = deducted.map((n) => n.name);
  if (unknown && firstTime(context, answer, LOCAL_RULES_NOTICE)) lines.push(ASK_FOR_LOCAL_RULES);
  return lines;
}
