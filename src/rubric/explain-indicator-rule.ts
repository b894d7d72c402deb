import type { DeductionRule, IndicatorNode, Report, Rubric, RubricIndicator } from '../model/index.js';
import { dec, plain } from '../model/decimal.js';
import { indicatorVerdict, standardText } from './indicator-verdict.js';
import { queryOf } from '../report/query/report-query.js';
import { rubricIndicatorsById } from './match-rubric.js';
import { normalizeIndicatorName } from './normalize-indicator-name.js';

/** How an indicator's score follows from a rule: for the assistant to explain a deduction with a real rule. */
export interface IndicatorRuleExplanation {
  text: string; // Chinese, one short paragraph
  source: 'own-standard' | 'rubric' | 'stated-method' | 'none'; // the report's own 评分标准, the rubric's rule, a method the text states, or none
  rule: DeductionRule | null;
  computation: { formula: string; expected: string; actual: string | null; agrees: boolean } | null;
}

function rubricIndicatorOf(indicator: IndicatorNode, rubric: Rubric): RubricIndicator | undefined {
  const byId = rubricIndicatorsById(rubric);
  if (indicator.rubricId) return byId.get(indicator.rubricId);
  const names = new Set(normalizeIndicatorName(indicator.name));
  const hits = [...byId.values()].filter((r) => [r.name, ...r.aliases].flatMap(normalizeIndicatorName).some((n) => names.has(n)));
  return hits.length === 1 ? hits[0] : undefined;
}

/** Which rule decides this indicator's score and what it gives: rubric/indicator-verdict.ts in words. */
export function explainIndicatorRule(report: Report, indicator: IndicatorNode, rubric?: Rubric): IndicatorRuleExplanation {
  const target = rubric ? rubricIndicatorOf(indicator, rubric) : undefined;
  const verdict = indicatorVerdict({ node: indicator, figures: queryOf(report).figuresOf(indicator), ...(target ? { rubric: target } : {}) });
  const name = `“${indicator.name}”`;
  const standard = verdict.standard;
  if (!standard) {
    return { text: `${name}没有写明评分标准，评分细则中也没有它的扣分规则；请对照当地财政部门下发的评分细则。`, source: 'none', rule: null, computation: null };
  }
  const where = standardText(standard);
  if (verdict.kind === 'not-computable') {
    const why = verdict.missing === 'standard-not-computable' ? '这条标准没有可以计算的规则' : verdict.why;
    return { text: `${name}按${where}评分；${why}，无法自动算出应得分。`, source: standard.source, rule: standard.rule, computation: null };
  }
  const lost = dec(indicator.weight ?? target?.weight ?? verdict.stated).minus(verdict.stated);
  const said = verdict.kind === 'agrees'
    ? `自评 ${plain(verdict.stated)} 分与之相符${lost.gt(0) ? `（扣 ${plain(lost)} 分）` : ''}。`
    : `而自评 ${plain(verdict.stated)} 分，与之不符。`;
  return {
    text: `${name}按${where}：${verdict.working}；${said}`,
    source: standard.source, rule: standard.rule,
    computation: { formula: verdict.working, expected: verdict.expected, actual: plain(verdict.stated), agrees: verdict.kind === 'agrees' },
  };
}
