import type { DeductionRule } from '../../model/index.js';
import { Dec, dec, format } from '../../model/decimal.js';
import { scoreCarryoverBalance } from './carryover-balance.js';
import { scoreChecklist } from './checklist.js';
import type { ExpectedScore, Measured } from './expected-result.js';
import { scoreGradeBands } from './grade-bands.js';
import { scorePerInstance } from './per-instance.js';
import { scorePerPoint } from './per-point.js';
import { scoreProportional } from './proportional.js';
import { scoreScoreBands } from './score-bands.js';
import { scoreTargetRatio } from './target-ratio.js';
import { shortText } from './expected-result.js';

export type { ExpectedScore, Measured } from './expected-result.js';

/** The legacy fraction-of-weight bands of bundled rubrics: first band whose [min, max) holds the rate. */
function scoreFractionBands(rule: Extract<DeductionRule, { kind: 'bands' }>, weight: number, measured: Measured): ExpectedScore {
  if (!measured.rate) return { unknown: '报告没有写出分档所依据的比率' };
  const rate = measured.rate.value;
  const band = rule.bands.find((b) => (b.min === null || rate.gte(b.min)) && (b.max === null || rate.lt(b.max)));
  if (!band) return { unknown: `${measured.rate.how} 不在任何一档之内` };
  const score = dec(weight).times(band.fraction);
  return { score, formula: `${measured.rate.how}，得分 = ${shortText(dec(weight))} × ${band.fraction} = ${shortText(score)} 分` };
}

/** The score a rule gives for what was measured, the range it allows, or why it cannot be computed. Never throws. */
export function expectedScore(rule: DeductionRule, weight: number, measured: Measured): ExpectedScore {
  switch (rule.kind) {
    case 'unknown':
      return { unknown: '这条标准没有可以计算的规则，需要人工判断' };
    case 'proportional':
      return scoreProportional(rule, weight, measured);
    case 'control-rate':
      return scorePerPoint(rule, weight, measured);
    case 'bands':
      return scoreFractionBands(rule, weight, measured);
    case 'score-bands':
      return scoreScoreBands(rule, weight, measured);
    case 'carryover-balance':
      return scoreCarryoverBalance(rule, weight, measured);
    case 'per-instance':
      return scorePerInstance(rule, weight, measured);
    case 'checklist':
      return scoreChecklist(rule, weight, measured);
    case 'target-ratio':
      return scoreTargetRatio(rule, weight, measured);
    case 'grade-bands':
      return scoreGradeBands(rule, weight, measured);
  }
}

/** Does a stated score agree with an expected one (tolerance policy of model/decimal.ts; a range is inclusive)? */
export function scoreAgrees(stated: number, expected: ExpectedScore): boolean {
  if ('unknown' in expected) return true;
  const s = dec(stated);
  if ('range' in expected) return s.gte(expected.range.min.minus('0.005')) && s.lte(expected.range.max.plus('0.005'));
  const places = Math.max(decimalsIn(String(stated)), 1);
  // A standard does not say how to round: 8.675 written 8.68 (rounded) or 8.67 (cut off at the stated places) both follow it.
  return [places, 2].some((p) => expected.score.toDecimalPlaces(p, Dec.ROUND_HALF_UP).eq(s) || expected.score.toDecimalPlaces(p, Dec.ROUND_DOWN).eq(s));
}

function decimalsIn(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** "3.4", "4–5" (a range), for messages and the `expected` field. */
export function expectedText(expected: Exclude<ExpectedScore, { unknown: string }>): string {
  return 'range' in expected ? `${formatScore(expected.range.min)}–${formatScore(expected.range.max)}` : formatScore(expected.score);
}

export function formatScore(value: Dec): string {
  return value.isInteger() ? value.toFixed(0) : format(value, 2).replace(/0+$/u, '').replace(/\.$/u, '');
}

/** "评分标准原文“…”（位置）" or "来源 S2、S3，可信度低". */
export function ruleSourceText(rule: DeductionRule): string {
  if (rule.origin) return `评分标准原文“${rule.origin.text}”${rule.origin.location ? `（${rule.origin.location}）` : ''}`;
  const ids = rule.sources.map((s) => s.id).join('、');
  const levels = { high: '高', medium: '中', low: '低', none: '无' } as const;
  const confidence = rule.sources.map((s) => levels[s.confidence]).join('/');
  return ids ? `来源 ${ids}，可信度${confidence}` : '来源不详';
}
