import type { DeductionRule } from '../../model/index.js';
import { dec } from '../../model/decimal.js';
import { shortText, type ExpectedScore, type Measured } from './expected-result.js';

type Proportional = Extract<DeductionRule, { kind: 'proportional' }>;

const WEIGHT = '(?:(?:该|本)?(?:项|指标)?(?:分值|权重)|标准分|满分)';
const RATE = '(?:[\\u4e00-\\u9fa5]{0,8}(?:完成率|执行率|完成比例|实现率|达成率|比率|比例))';

/** "得分=分值×完成率", "得分=执行率×权重", "按完成比例计算得分，满分为止", "按执行率计分". */
export function parseProportional(normalized: string, description: string): Proportional | null {
  const formula = new RegExp(`(?:得分|分数)?=?(?:${WEIGHT}[×*x]${RATE}|${RATE}[×*x]${WEIGHT})`, 'u').test(normalized);
  // "按完成比例计分", "按执行率×分值计分", "按办结率计分"
  const words = /按(?:实际)?\p{Script=Han}{0,4}?(?:比例|比率|率|进度)(?:[×*x](?:分值|权重|标准分))?(?:计算|折算)?(?:计分|得分|给分|赋分)/u.test(normalized);
  if (!formula && !words) return null;
  if (/B\/A|A\/B|正向|反向|目标值|指标值/u.test(normalized)) return null; // target-ratio
  const floor = /(?:低于|不足|<|未达到)(\d+(?:\.\d+)?)%(?:的|时)?,?(?:不得分|得0分|计0分)/u.exec(normalized);
  return { kind: 'proportional', ...(floor ? { floor: Number(floor[1]) } : {}), description, sources: [] };
}

/** score = rate × weight, never above the weight. */
export function scoreProportional(rule: Proportional, weight: number, measured: Measured): ExpectedScore {
  if (!measured.rate) return { unknown: '报告没有写出计分所依据的完成率或执行率' };
  if (rule.floor !== undefined && measured.rate.value.lt(rule.floor)) {
    return { score: dec(0), formula: `${measured.rate.how}，低于 ${rule.floor}%，不得分` };
  }
  const raw = measured.rate.value.div(100).times(weight);
  const capped = raw.gt(weight);
  const score = capped ? dec(weight) : raw.lt(0) ? dec(0) : raw;
  return { score, formula: `${measured.rate.how}，${shortText(dec(weight))} × ${shortText(measured.rate.value)}% = ${shortText(raw)}${capped ? `，不超过分值，应得 ${shortText(score)} 分` : ' 分'}` };
}
