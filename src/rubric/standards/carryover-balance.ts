import type { DeductionRule } from '../../model/index.js';
import { dec } from '../../model/decimal.js';
import { shortText, type ExpectedScore, type Measured } from './expected-result.js';
import { clauseScore, scoredClauses } from './standard-text.js';

type CarryoverBalance = Extract<DeductionRule, { kind: 'carryover-balance' }>;

const NONE = /^(?:无|没有|未产生|不存在)(?:结转)?结余|结余(?:为0|为零|=0)|^=0/u;
const WITHIN = /(?:不超过|未超过|不高于|低于|少于|小于|≤)上年(?:度)?(?:结转|结余)/u;
const OVER = /(?:超过|高于|大于|多于|>)上年(?:度)?(?:结转|结余)/u;

/** "无结余得3分；有结余但不超过上年结转得2分；超过上年结转得0分": three levels, needing this year's 结余 and last year's 结转. */
export function parseCarryoverBalance(normalized: string, description: string): CarryoverBalance | null {
  if (!/结余/u.test(normalized) || !/上年/u.test(normalized)) return null;
  let none: Level | null = null;
  let within: Level | null = null;
  let over: Level | null = null;
  for (const clause of scoredClauses(normalized)) {
    const score = clauseScore(clause);
    if (!score || 'deduct' in score || 'fraction' in score) continue;
    const value: Level = 'full' in score ? 'full' : score.score;
    if (WITHIN.test(clause)) within = value;
    else if (OVER.test(clause)) over = value;
    else if (NONE.test(clause)) none = value;
  }
  if (none === null || within === null || over === null) return null;
  return { kind: 'carryover-balance', none, within, over, description, sources: [] };
}

type Level = number | 'full';

function levelScore(value: Level, weight: number): number {
  return value === 'full' ? weight : value;
}

export function scoreCarryoverBalance(rule: CarryoverBalance, weight: number, measured: Measured): ExpectedScore {
  const b = measured.balance;
  if (!b) return { unknown: '需要本年结转结余和上年结转两个数，报告没有同时写出' };
  if (b.remaining.lte(0)) return { score: dec(levelScore(rule.none, weight)), formula: `${b.how}，无结余，得 ${shortText(dec(levelScore(rule.none, weight)))} 分` };
  if (b.remaining.lte(b.lastYear)) {
    const score = dec(levelScore(rule.within, weight));
    return { score, formula: `${b.how}，有结余但不超过上年结转（${shortText(b.remaining)} ≤ ${shortText(b.lastYear)}），得 ${shortText(score)} 分` };
  }
  const score = dec(levelScore(rule.over, weight));
  return { score, formula: `${b.how}，结余超过上年结转（${shortText(b.remaining)} > ${shortText(b.lastYear)}），得 ${shortText(score)} 分` };
}
