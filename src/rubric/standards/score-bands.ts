import type { DeductionRule } from '../../model/index.js';
import { dec, type Dec } from '../../model/decimal.js';
import { shortText, type ExpectedScore, type Measured } from './expected-result.js';
import { clauseScore, givesScore, scoredClauses } from './standard-text.js';
import { conditionOf, conditionText, contains } from './value-condition.js';

type ScoreBands = Extract<DeductionRule, { kind: 'score-bands' }>;
type Band = ScoreBands['bands'][number];

/** A deduction per step of the value ("每降低1%扣0.5分", "每超1个百分点扣1分"): per-point's form, never a band. */
const STEP = /每[^;,\d]{0,6}?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十半])(?:%|个百分点)[^;]{0,4}?扣/u;

/**
 * Bands: "≥90%得5分；80%（含）-90%得4分；…；<60%得0分", "=0得3分；0-10%（含）得2分；…；>30%得0分".
 * Clauses each with a value condition and a score (得N分 / 得满分 / 不得分 / 扣N分 / 得一半分); a single "≥95%得满分" is one band.
 */
export function parseScoreBands(normalized: string, description: string): ScoreBands | null {
  const bands: Band[] = [];
  let percent = false;
  for (const clause of scoredClauses(normalized)) {
    if (STEP.test(clause)) return null; // "每降低1%扣0.5分" is a step per point, not a band at 1%
    const score = clauseScore(clause);
    const cut = clause.search(/(?:得|计|给|评|扣|不得)(?:满分|\d|[一二三四五六七八九十]|分)/u);
    const condition = conditionOf(cut > 0 ? clause.slice(0, cut) : clause);
    if (condition && !score && givesScore(clause)) return null; // a band whose score we cannot read: never guess the rest
    if (!score || !condition) continue;
    percent ||= condition.percent;
    const { percent: _unused, ...bounds } = condition;
    bands.push({ ...bounds, ...('full' in score ? { full: true } : 'score' in score ? { score: score.score } : 'fraction' in score ? { fraction: score.fraction } : { deduct: score.deduct }) });
  }
  if (bands.length === 0) return null; // one band ("≥95%得满分") still says what that band gives
  return { kind: 'score-bands', bands, unit: percent ? '%' : 'number', description, sources: [] };
}

function bandScore(band: Band, weight: number): Dec {
  if (band.full) return dec(weight);
  if (band.fraction !== undefined) return dec(weight).times(band.fraction);
  if (band.deduct !== undefined) return dec(weight).minus(band.deduct).clampedTo(0, weight);
  return dec(band.score ?? 0);
}

/** The band that holds the measured rate gives the score; a value on a boundary two bands claim allows either score. */
export function scoreScoreBands(rule: ScoreBands, weight: number, measured: Measured): ExpectedScore {
  if (!measured.rate) return { unknown: '报告没有写出这项分档所依据的比率或数值' };
  const value = measured.rate.value;
  const unit = rule.unit === '%' ? '%' : '';
  const hits = rule.bands.filter((b) => contains(b, value));
  if (hits.length === 0 && rule.bands.length === 1) return { unknown: `${measured.rate.how}，评分标准只写了${conditionText(rule.bands[0]!, unit)}时的得分，没有写明其他情况如何计分` };
  if (hits.length === 0) return { unknown: `${measured.rate.how} 不在评分标准所列的任何一档之内` };
  const scores = hits.map((b) => bandScore(b, weight));
  const min = Dec_min(scores);
  const max = Dec_max(scores);
  const where = hits.map((b) => conditionText(b, unit)).join(' 或 ');
  if (min.eq(max)) return { score: min, formula: `${measured.rate.how}，落在“${where}”一档，得 ${shortText(min)} 分` };
  return { range: { min, max }, formula: `${measured.rate.how}，恰在分档边界（${where}），评分标准未写明边界归哪一档，应得 ${shortText(min)}–${shortText(max)} 分` };
}

function Dec_min(values: Dec[]): Dec {
  return values.reduce((a, b) => (b.lt(a) ? b : a));
}
function Dec_max(values: Dec[]): Dec {
  return values.reduce((a, b) => (b.gt(a) ? b : a));
}
