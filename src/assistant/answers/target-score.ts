import { dec, format } from '../../model/decimal.js';
import { statedRateOf } from '../../checks/rubric-rate.js';
import type { Computation } from '../../model/computation.js';
import { resolveIndicator } from '../indicator-lookup.js';
import { rubricOf } from '../report-context.js';
import { emptyAnswer, type Answer, type AnswerContext } from './answer.js';
import { ASK_FOR_LOCAL_RULES } from './lost-points.js';
import { rubricQuote } from './rubric-quote.js';
import { firstTime, LOCAL_RULES_NOTICE } from './notices.js';
import { generalQuote, generalText, ruleText } from './general-text.js';

/** "支出率要到多少才能满分": from the rubric's rule when it is known, with the computation shown. */
export function answerTarget(context: AnswerContext, indicator: string | null): Answer {
  const answer = emptyAnswer('', 'target');
  if (!indicator) {
    answer.text = '请说明是哪个指标，例如“部门预算资金支出率要到多少才能满分”。';
    return answer;
  }
  const resolved = resolveIndicator(indicator, context.rubric, context.report);
  const r = resolved.rubric;
  if (!r) {
    answer.text = `评分细则里没有“${indicator}”这个指标，无法回答。${ASK_FOR_LOCAL_RULES}`;
    return answer;
  }
  answer.citations.push(generalQuote(rubricQuote(context.rubric, r), context.report?.report));
  answer.memo.items = [r.name];
  const lines = [`**${r.name}**（分值 ${r.weight} 分）`];
  const node = resolved.node;
  const stated = node && context.report ? statedRateOf(context.report.report, node, rubricOf(context.report, node) ?? r) : null;
  if (node && stated) lines.push(`你的报告写的是 ${stated.value}${stated.unit}（第 ${stated.line} 行），自评 ${node.score ?? '未写'} 分。`);
  const rule = r.rule;
  if (!rule || rule.kind === 'unknown') {
    lines.push(`当地的计分办法没有找到，所以说不准要达到多少才能满分。评分细则里的说明：${ruleText(rule, context.report?.report) || '无'}`);
    if (stated && stated.unit === '%') {
      const exact = dec(stated.value).div(100).times(r.weight);
      const proportional: Computation = {
        expression: `${stated.value}% × ${r.weight} = ${format(exact, 2)} 分`,
        result: exact.toFixed(),
        unit: '分',
        shown: `${format(exact, 2)} 分`,
      };
      answer.computations.push(proportional);
      answer.quoted.push({ text: '按完成比例计分：完成比例达到 100% 得满分', label: 'proportional rule' });
      lines.push(`参考：如果按“完成比例 × 分值、满分为止”计分（外地做法，不是本地规则），要得满分需要达到 100%，按现在的比例应得 ${proportional.expression}。`);
    }
    if (firstTime(context, answer, LOCAL_RULES_NOTICE)) lines.push(ASK_FOR_LOCAL_RULES);
  } else if (rule.kind === 'control-rate') {
    lines.push(`按评分细则（${rule.description}）：不超过 ${rule.limit}% 就是满分；每超过 1 个百分点扣 ${rule.perPoint} 分，扣完为止。`);
  } else if (rule.kind === 'proportional') {
    answer.quoted.push({ text: '按完成比例计分：完成比例达到 100% 得满分', label: 'proportional rule' });
    lines.push(`按评分细则（${rule.description}）：得分 = 完成比例 × 分值，满分为止，所以要达到 100% 才能满分。`);
  } else if (rule.kind === 'bands') {
    const full = rule.bands.filter((b) => b.fraction >= 1).map((b) => b.min).filter((m): m is number => m !== null);
    lines.push(`按评分细则（${rule.description}）：${full.length > 0 ? `达到 ${Math.min(...full)}% 即可满分。` : '分档规则中没有满分档。'}`);
  } else {
    lines.push(`按评分细则：${generalText(rule.description, context.report?.report)}`);
  }
  answer.text = lines.join('\n');
  return answer;
}
