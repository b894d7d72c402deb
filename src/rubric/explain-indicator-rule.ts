import type { DeductionRule, IndicatorNode, Report, Rubric, RubricIndicator } from '../model/index.js';
import { dec, plain } from '../checks/decimal.js';
import { expectedScoreOf, formatScore, ruleSourceText, scoreAgrees } from '../checks/expected-score.js';
import { rubricIndicatorsById } from './match-rubric.js';
import { normalizeIndicatorName } from './normalize-indicator-name.js';
import { parseStandard } from './standards/parse-standard.js';

/** How an indicator's score follows from a rule: for the assistant to explain a deduction with a real rule. */
export interface IndicatorRuleExplanation {
  text: string; // Chinese, one short paragraph
  source: 'own-standard' | 'rubric' | 'none'; // the report's own 评分标准, the rubric's rule, or neither
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

/** Which rule decides this indicator's score (its own 评分标准 first, then the rubric's), and what it gives. */
export function explainIndicatorRule(report: Pick<Report, 'figures'>, indicator: IndicatorNode, rubric?: Rubric): IndicatorRuleExplanation {
  const target = rubric ? rubricIndicatorOf(indicator, rubric) : undefined;
  const own = indicator.standard ? parseStandard(indicator.standard) : null;
  const rule = own ?? target?.rule ?? null;
  const source = own ? 'own-standard' : rule ? 'rubric' : 'none';
  const name = `“${indicator.name}”`;
  if (!rule) {
    return { text: `${name}没有写明评分标准，评分细则中也没有它的扣分规则；请对照当地财政部门下发的评分细则。`, source, rule: null, computation: null };
  }
  const where = own ? `报告自带的评分标准“${indicator.standard}”` : `评分细则“${rubric!.name}”的规则（${rule.description.replace(/。$/u, '')}；${ruleSourceText(rule)}）`;
  const weight = indicator.weight ?? target?.weight ?? null;
  if (rule.kind === 'unknown' || weight === null) {
    const why = weight === null ? '本项没有写明分值' : '这条标准没有可以计算的规则';
    return { text: `${name}按${where}评分；${why}，无法自动算出应得分。`, source, rule, computation: null };
  }
  const expected = expectedScoreOf(report, indicator, rule, weight, target);
  if ('unknown' in expected) return { text: `${name}按${where}评分；${expected.unknown}。`, source, rule, computation: null };
  const shown = 'range' in expected ? `${formatScore(expected.range.min)}–${formatScore(expected.range.max)}` : formatScore(expected.score);
  const actual = indicator.score;
  const agrees = actual === null || scoreAgrees(actual, expected);
  const lost = actual === null ? null : dec(weight).minus(actual);
  const verdict = actual === null ? '' : agrees
    ? `自评 ${plain(actual)} 分与之相符${lost && lost.gt(0) ? `（扣 ${plain(lost)} 分）` : ''}。`
    : `而自评 ${plain(actual)} 分，与之不符。`;
  return {
    text: `${name}按${where}：${expected.formula}${'range' in expected ? '' : `，应得 ${shown} 分`}；${verdict}`,
    source, rule,
    computation: { formula: expected.formula, expected: shown, actual: actual === null ? null : plain(actual), agrees },
  };
}
