import type { DeductionRule } from '../../model/index.js';
import { dec } from '../../model/decimal.js';
import { shortText, type ExpectedScore, type Measured } from './expected-result.js';

type TargetRatio = Extract<DeductionRule, { kind: 'target-ratio' }>;

const POSITIVE = /B\/A|B÷A|实际(?:完成)?值[/÷](?:年度)?(?:指标|目标)值|完成值[/÷]目标值/u;
const NEGATIVE = /A\/B|A÷B|(?:年度)?(?:指标|目标)值[/÷]实际(?:完成)?值|目标值[/÷]完成值/u;

/** 正向指标 "得分=权重×B/A"、反向指标 "得分=权重×A/B"，得分不得突破权重 (A = 年度指标值, B = 实际完成值). */
export function parseTargetRatio(normalized: string, description: string): TargetRatio | null {
  const positive = POSITIVE.test(normalized);
  const negative = NEGATIVE.test(normalized);
  if (!positive && !negative) {
    // "达到目标值得满分，未达到按比例得分": 实际完成值 ÷ 目标值 (or the reverse for a ≤ target)
    if (/(?:目标值|指标值|年度目标)[^;]*按(?:完成)?比例/u.test(normalized)) return { kind: 'target-ratio', direction: 'by-target', description, sources: [] };
    return null;
  }
  const direction = positive && negative ? 'by-target' : positive ? 'positive' : 'negative';
  return { kind: 'target-ratio', direction, description, sources: [] };
}

/** weight × B/A (positive) or weight × A/B (negative), capped at the weight. */
export function scoreTargetRatio(rule: TargetRatio, weight: number, measured: Measured): ExpectedScore {
  const t = measured.target;
  if (!t) return { unknown: '需要年度指标值（A）和实际完成值（B）两个数，报告没有同时写出' };
  const direction = rule.direction === 'by-target' ? t.direction : rule.direction;
  if (!direction) return { unknown: '评分标准区分正向、反向指标，但无法从指标值判断这是哪一种' };
  const [num, den, text] = direction === 'positive' ? [t.actual, t.target, 'B/A'] : [t.target, t.actual, 'A/B'];
  if (den.isZero()) return { unknown: `${text} 的分母为 0，无法计算` };
  const raw = dec(weight).times(num).div(den);
  const score = raw.gt(weight) ? dec(weight) : raw;
  return {
    score,
    formula: `${t.how}，${direction === 'positive' ? '正向' : '反向'}指标 ${shortText(dec(weight))} × ${shortText(num)}/${shortText(den)} = ${shortText(raw)}${raw.gt(weight) ? `，不得突破权重，应得 ${shortText(score)} 分` : ' 分'}`,
  };
}
