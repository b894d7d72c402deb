import type { IndicatorNode } from '../../model/index.js';
import { computeTotals } from '../../checks/summary.js';
import { resolveRubricRate } from '../../checks/rubric-rate.js';
import { dec, plain, sum } from '../../checks/decimal.js';
import { scoredLeaves } from '../../checks/indicator-tree.js';
import { countOf, differenceOf, percentOf, sumOf, type Computation } from '../../drafting/computation.js';
import { deductedLeaves, findingsAbout, rubricOf, type ReportContext } from '../report-context.js';
import { resolveIndicator } from '../indicator-lookup.js';
import { emptyAnswer, NO_REPORT_TEXT, pathText, toQuoted, type Answer, type AnswerContext } from './answer.js';
import { excerpt, guidePassages, isRuleUnknown, rubricQuote, sourcesText } from './rubric-quote.js';
import { firstTime, LOCAL_RULES_NOTICE } from './notices.js';

/** Rule ids whose content the lost-points answer already states in its own words. */
const RESTATED = new Set(['score/deduction-explained', 'score/rubric-rule', 'formula/rubric-rate']);

export const ASK_FOR_LOCAL_RULES =
  '请提供当地财政局下发的评分细则（通常是开展部门整体支出绩效自评工作的通知所附的指标体系和评分标准），我可以据此核对这一扣分是否恰当。';

/** The recomputed rate of an indicator, from its own figures and the rubric's formula, as text + computations. */
export function recomputedRate(context: ReportContext, node: IndicatorNode): { text: string; computations: Computation[] } | null {
  const rubricIndicator = rubricOf(context, node);
  if (!rubricIndicator?.formula) return null;
  const rate = resolveRubricRate(context.report, node, rubricIndicator);
  if (!rate) return null;
  const { numerator, denominator } = rate;
  const unit = numerator.unit;
  const computed = percentOf({ value: numerator.value, unit }, { value: denominator.value, unit });
  if (!computed || rate.unit !== '%') return null;
  const computations = [computed];
  let text = `${rubricIndicator.formula.expression}，即 ${rate.formula}（第 ${numerator.line} 行）`;
  if (rate.exact.gt(100) && unit !== '' && unit !== '人') {
    const over = differenceOf({ value: numerator.value, unit }, { value: denominator.value, unit });
    computations.push(over);
    text += `，超出预算 ${over.shown}`;
  }
  return { text: `${text}。`, computations };
}

/**
 * The lost points explained by the indicator's own 评分标准 when it is "得分=分值×<rate>" and the row states that rate
 * (the national form's 预算执行率: 得分=分值×执行率, 10 × 95% = 9.5 分).
 */
export function ownStandardScore(node: IndicatorNode): { text: string; computations: Computation[] } | null {
  if (!node.standard || node.weight === null || node.score === null) return null;
  const m = /得分\s*=\s*(?:分值|权重|指标分值)\s*[×xX*]\s*([\p{Script=Han}]{2,12}?率)/u.exec(node.standard);
  if (!m) return null;
  const rateName = m[1]!;
  const measure = (node.measures ?? []).find((x) => /^\d+(?:\.\d+)?%$/u.test(x.text.trim()) && (x.label.includes(rateName) || rateName.includes(x.label)));
  if (!measure) return null;
  const rate = measure.text.trim().slice(0, -1);
  const exact = dec(node.weight).times(dec(rate)).div(100);
  const capped = exact.gt(node.weight) ? dec(node.weight) : exact;
  const shown = `${plain(capped)} 分`;
  const computation: Computation = { expression: `${plain(node.weight)} × ${rate}% = ${plain(exact)} 分`, result: capped.toFixed(), unit: '分', shown };
  const agrees = capped.eq(node.score);
  const text = `按本行的评分标准“${node.standard}”（第 ${node.standardLine ?? node.line} 行），${rateName} ${rate}%，${plain(node.weight)} × ${rate}% = ${shown}${
    agrees ? `，与自评 ${plain(node.score)} 分一致：扣分是因为${rateName}没有达到百分之百。` : `，与自评 ${plain(node.score)} 分不一致，请核对。`}`;
  return { text, computations: [computation] };
}

async function explainOne(context: AnswerContext, report: ReportContext, node: IndicatorNode, index: number | null, answer: Answer): Promise<string> {
  const weight = node.weight!;
  const score = node.score!;
  const lost = differenceOf({ value: weight, unit: '分' }, { value: score, unit: '分' });
  answer.computations.push(lost);
  const path = pathText(node.path.slice(0, -1));
  const lines = [`**${index === null ? '' : `${index}. `}${node.name}**（${path ? `${path}，` : ''}第 ${node.line} 行）`];
  lines.push(`- 分值 ${weight} 分，自评 ${score} 分，扣 ${lost.shown}（${weight} → ${score} 分）。`);
  const rubricIndicator = rubricOf(report, node);
  const own = rubricIndicator ? null : ownStandardScore(node);
  if (node.reason) lines.push(`- 报告的说明（第 ${node.scoreLine ?? node.line} 行）：“${node.reason}”`);
  else if (own) {
    answer.computations.push(...own.computations);
    lines.push(`- 扣分原因：${own.text}`);
  } else lines.push(`- 报告没有写明扣分原因（第 ${node.scoreLine ?? node.line} 行），评审时容易被要求补充。`);
  const rate = recomputedRate(report, node);
  if (rate) {
    answer.computations.push(...rate.computations);
    lines.push(`- 复核计算：${rate.text}`);
  } else {
    const stated = findingsAbout(report, node).find((f) => f.ruleId === 'formula/rubric-rate');
    if (stated) {
      lines.push(`- 复核计算：${stated.message}`);
    }
  }
  if (rubricIndicator) {
    const quote = rubricQuote(report.rubric, rubricIndicator);
    answer.citations.push(quote);
    if (isRuleUnknown(rubricIndicator)) {
      lines.push(`- 评分规则：本地计分办法未知，无法判断扣 ${lost.shown}是否恰当。评分细则里的说明：${rubricIndicator.rule?.description ?? '无'}`);
      if (firstTime(context, answer, LOCAL_RULES_NOTICE)) lines.push(`- ${ASK_FOR_LOCAL_RULES}`);
    } else {
      const check = findingsAbout(report, node).find((f) => f.ruleId === 'score/rubric-rule');
      lines.push(`- 评分规则（出处 ${sourcesText(rubricIndicator.rule!.sources)}）：${rubricIndicator.rule!.description}`);
      if (check) {
        lines.push(`- 按该规则核对：${check.message}`);
      }
    }
  } else if (own) {
    // The report's own standard is the rule here; it was applied above.
  } else {
    lines.push(`- 评分细则中没有与“${node.name}”对应的指标，无法给出计分规则。${firstTime(context, answer, LOCAL_RULES_NOTICE) ? ASK_FOR_LOCAL_RULES : ''}`);
  }
  const guide = (await guidePassages(context, node.name, '扣分', 1, ['常见失分情形']))[0];
  if (guide) {
    const quoted = toQuoted({ ...guide, text: excerpt(guide.text, [], 200) });
    answer.citations.push(quoted);
    lines.push(`- 常见失分情形（${guide.source} 第 ${guide.lineStart ?? '?'} 行）：${quoted.quote.replace(/\n/gu, ' ')}`);
  }
  const about = findingsAbout(report, node);
  for (const f of about) if (!answer.findings.includes(f)) answer.findings.push(f);
  for (const f of about.filter((x) => !RESTATED.has(x.ruleId))) lines.push(`- 相关检查（第 ${f.line} 行）：${f.message}`);
  return lines.join('\n');
}

/** "为什么扣了2分" / "哪些指标扣分了" / "政府采购执行率为什么是0分". */
export async function answerLostPoints(context: AnswerContext, indicator: string | null): Promise<Answer> {
  const report = context.report;
  if (!report) return emptyAnswer(NO_REPORT_TEXT, 'lost-points');
  const answer = emptyAnswer('', 'lost-points');
  const deducted = deductedLeaves(report);
  if (indicator) {
    const resolved = resolveIndicator(indicator, context.rubric, report);
    const node = resolved.node;
    if (!node) {
      answer.text = `报告里没有找到“${indicator}”这个指标。可以问“哪些指标扣分了”查看全部扣分项。`;
      return answer;
    }
    if (!deducted.includes(node)) {
      answer.text = node.assessed
        ? `“${node.name}”没有扣分：${node.weight === null ? '' : `分值 ${node.weight} 分，`}自评 ${node.score ?? '（未写明）'} 分（第 ${node.scoreLine ?? node.line} 行）。`
        : `“${node.name}”本项不考核（第 ${node.line} 行）：${node.notAssessedReason ?? ''}`;
      answer.memo.items = [node.name];
      return answer;
    }
    answer.text = await explainOne(context, report, node, null, answer);
    answer.memo.items = [node.name];
    return answer;
  }
  const totals = computeTotals(report.report);
  if (deducted.length === 0) {
    answer.text = `本报告所有考核指标都是满分，没有扣分。指标得分合计 ${plain(totals.leafScores)} 分。`;
    return answer;
  }
  const count = countOf(deducted, '个', '扣分指标');
  const lostTotal = sumOf(deducted.map((n) => sum([n.weight!]).minus(n.score!)), '分');
  answer.computations.push(count, lostTotal);
  const header = [`本报告有 ${count.shown}指标扣分，合计扣 ${lostTotal.shown}：`];
  const parts: string[] = [];
  for (const [i, node] of deducted.entries()) parts.push(await explainOne(context, report, node, i + 1, answer));
  const bonus = report.report.bonus;
  if (bonus) {
    const leafSum = sumOf(scoredLeaves(report.report).filter((l) => l.assessed && l.score !== null).map((l) => l.score!), '分');
    const total = sumOf([totals.leafScores, totals.bonus], '分');
    answer.computations.push(leafSum, total);
    parts.push(`指标得分合计 ${leafSum.shown}，加减分项 ${plain(totals.bonus)} 分（第 ${bonus.line} 行），${total.expression}${totals.stated === null ? '' : `，与报告写的 ${totals.stated} 分${totals.computed.eq(totals.stated) ? '一致' : '不一致'}`}。`);
  }
  answer.text = [header.join(''), ...parts].join('\n\n');
  answer.memo.items = deducted.map((n) => n.name);
  return answer;
}
