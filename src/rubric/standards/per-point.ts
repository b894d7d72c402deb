import type { DeductionRule } from '../../model/index.js';
import { dec, plain } from '../../model/decimal.js';
import { shortText, type ExpectedScore, type Measured } from './expected-result.js';
import { clauseScore, NUM, numberOf, scoredClauses } from './standard-text.js';
import { conditionOf, conditionText, contains } from './value-condition.js';

type ControlRate = Extract<DeductionRule, { kind: 'control-rate' }>;

const OVER_WORDS = '超|超过|超出|高于|高出|增加|增长|上升|提高';
const UNDER_WORDS = '低于|低|少于|少|减少|下降|降低|未达到|不足';
const LIMIT_MAX = String.raw`(?:≤|<|不超过|不高于|小于等于|低于或等于|控制在|=|为|等于)`;
const LIMIT_MIN = String.raw`(?:≥|>|不低于|不少于|大于等于|达到|高于或等于|=|等于)`;
const NUMBER = String.raw`(-?\d+(?:\.\d+)?)(%?)`;
/** A threshold with no comparison word: at the start of a clause or after its subject ("完成率100%"), never inside a range. */
const BARE = String.raw`(?:^|(?<=[;,\p{Script=Han}"“”]))`;

/**
 * Threshold + per point: "≤100%得满分；每超1个百分点扣0.5分，扣完为止", "≤0得满分；>0时每超1个百分点扣0.5分",
 * "≥90%得5分，每低1个百分点扣0.2分". The threshold and the step must both be present.
 */
export function parsePerPoint(normalized: string, description: string): ControlRate | null {
  const step = new RegExp(String.raw`每(${OVER_WORDS}|${UNDER_WORDS})${NUM}(?:个百分点|%),?扣(?:除)?${NUM}分`, 'u').exec(normalized);
  if (!step) return null;
  const direction = new RegExp(`^(?:${UNDER_WORDS})$`, 'u').test(step[1]!) ? 'under' : 'over';
  const before = normalized.slice(0, step.index);
  // "≥100%得满分", "达到100%的得满分", and bare "预算执行率100%得满分": the step's direction says which side is full
  const limit = new RegExp(`(?:${direction === 'over' ? LIMIT_MAX : LIMIT_MIN}|${BARE})${NUMBER}(?:\\(含\\))?(?:以[内下上])?(?:的|时)?,?(?:得满分|得${NUM}分|满分|不扣分)`, 'u').exec(before)
    ?? new RegExp(`(?:以|按)${NUMBER}为(?:基准|标准|上限|下限)`, 'u').exec(before)
    ?? new RegExp(`(?:${direction === 'over' ? '超过|超出|高于|>' : '低于|不足|<'})${NUMBER}(?:的|时|部分)?,?$`, 'u').exec(before); // "超过100%的，每超…"
  if (!limit) return null;
  const stepSize = numberOf(step[2]!);
  const perPoint = numberOf(step[3]!);
  if (stepSize === null || perPoint === null || stepSize <= 0) return null;
  const fullText = /得(\d+(?:\.\d+)?)分/u.exec(limit[0]);
  const zero = zeroBand(normalized, direction, Number(limit[1]));
  return {
    kind: 'control-rate',
    limit: Number(limit[1]),
    perPoint,
    direction,
    ...(stepSize !== 1 ? { step: stepSize } : {}),
    ...(fullText ? { full: Number(fullText[1]) } : {}),
    ...(zero ? { zero } : {}),
    description,
    sources: [],
  };
}

/** "<85%不得分", "低于80%的得0分", "90%以下不得分": the band past the threshold where the score is 0 outright. */
function zeroBand(normalized: string, direction: 'over' | 'under', limit: number): ControlRate['zero'] {
  for (const clause of scoredClauses(normalized)) {
    const score = clauseScore(clause);
    if (!score || !('score' in score) || score.score !== 0) continue;
    const cut = clause.search(/(?:的|时)?,?(?:不得分|不计分|计0分|得0分|0分$)/u);
    const c = conditionOf(cut > 0 ? clause.slice(0, cut) : clause);
    if (!c) continue;
    if (direction === 'under' && c.min === null && c.max !== null && c.max < limit) return { min: null, max: c.max, minInclusive: false, maxInclusive: c.maxInclusive };
    if (direction === 'over' && c.max === null && c.min !== null && c.min > limit) return { min: c.min, max: null, minInclusive: c.minInclusive, maxInclusive: false };
  }
  return undefined;
}

/** Full at the threshold, minus perPoint for every step past it, never below 0. */
export function scorePerPoint(rule: ControlRate, weight: number, measured: Measured): ExpectedScore {
  if (!measured.rate) return { unknown: '报告没有写出这项比率，无法按“每超/每低 1 个百分点扣分”计算' };
  const full = dec(rule.full ?? weight);
  const rate = measured.rate.value;
  const over = rule.direction === 'under' ? dec(rule.limit).minus(rate) : rate.minus(rule.limit);
  const word = rule.direction === 'under' ? '低' : '超';
  const sign = rule.direction === 'under' ? '≥' : '≤';
  if (over.lte(0)) return { score: full, formula: `${measured.rate.how} ${sign} ${plain(rule.limit)}%，得满分 ${plain(full)} 分` };
  if (rule.zero && contains(rule.zero, rate)) return { score: dec(0), formula: `${measured.rate.how}，${conditionText(rule.zero, '%')}，不得分` };
  const lost = over.div(rule.step ?? 1).times(rule.perPoint);
  const score = lost.gte(full) ? dec(0) : full.minus(lost);
  return {
    score,
    formula: `${measured.rate.how}，${word} ${shortText(over)} 个百分点${rule.step && rule.step !== 1 ? ` ÷ ${plain(rule.step)}` : ''} × ${plain(rule.perPoint)} = 扣 ${shortText(lost)} 分，应得 ${shortText(score)} 分${lost.gte(full) ? '（扣完为止）' : ''}`,
  };
}
