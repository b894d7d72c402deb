import { dec, matchesStated, plain } from '../model/decimal.js';
import type { DeductionRule, IndicatorNode } from '../model/index.js';

/**
 * What a deduction's stated values say about it when the indicator's standard cannot compute the score: each gives
 * one sentence, '' when it does not apply. score/deduction-explained writes them as its notes, and the answers
 * (assistant/answers/lost-points.ts) repeat the same sentence — one reading for both.
 */

const DATE_UNITS = new Set(['年', '月', '日']);

/** The stated actual value falls short of the stated target (实际完成值 98.6% against 年度指标值 100%): the report's explanation. */
export function shortfallOf(leaf: IndicatorNode): string {
  const { actual, target } = leaf;
  if (!actual || !target || actual.value === null || target.value === null || actual.unit !== target.unit || DATE_UNITS.has(actual.unit)) return '';
  const lowerIsBetter = /≤|<|不超过|不高于|以内|以下/u.test(target.text.normalize('NFKC'));
  const short = lowerIsBetter ? dec(actual.value).gt(target.value) : dec(actual.value).lt(target.value);
  return short ? `实际完成值 ${actual.text} 未达到年度指标值 ${target.text}（报告没有写明按什么办法扣分，扣分多少无法复核）` : '';
}

/**
 * "评分标准：支出率达到100%得满分" and a stated 98%: the value is below where the standard gives full marks, which explains
 * that points were lost; how many the standard does not say.
 */
export function belowFullMarks(leaf: IndicatorNode, rule: DeductionRule | undefined): string {
  const actual = leaf.actual;
  if (!rule || rule.kind !== 'score-bands' || rule.unit !== '%' || !actual || actual.value === null || actual.unit !== '%') return '';
  const full = rule.bands.find((b) => (b.full === true || b.score === leaf.weight) && b.min !== null && b.max === null);
  if (!full || full.min === null || !dec(actual.value).lt(full.min)) return '';
  return `报告写明 ${actual.value}%，低于评分标准给满分的 ${full.min}%；低于此值扣多少，评分标准没有写明，无法复核扣分多少`;
}

/**
 * A stated rate and a score equal to 分值 × rate ("实际支出率98%，得5.88分" under 分值 6): the proportion explains the score,
 * though the report does not write its method. The score must equal the product to its stated decimals, and an integer
 * score exactly (10 × 94% = 9.4 is not "9").
 */
export function proportionalOf(leaf: IndicatorNode): string {
  const { actual, weight, score } = leaf;
  if (!actual || actual.value === null || actual.unit !== '%' || weight === null || score === null) return '';
  const rate = dec(actual.value);
  if (rate.lte(0) || rate.gte(100)) return '';
  const exact = dec(weight).times(rate).dividedBy(100);
  const agrees = Number.isInteger(score) ? exact.eq(score) : matchesStated(score, exact);
  if (!agrees) return '';
  return `按比例计分：${plain(weight)} × ${plain(rate)}% = ${plain(exact)} 分，与自评得分相符；报告没有写明计分方法，请核实是否按比例计分`;
}
