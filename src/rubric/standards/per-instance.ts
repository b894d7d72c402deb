import type { DeductionRule } from '../../model/index.js';
import { dec } from '../../model/decimal.js';
import { shortText, type ExpectedScore, type Measured } from './expected-result.js';
import { NUM, numberOf } from './standard-text.js';

type PerInstance = Extract<DeductionRule, { kind: 'per-instance' }>;

/** "每出现一例不符合扣1分，扣完为止", "每发现一处问题扣0.5分", "发现1次违规扣2分". */
export function parsePerInstance(normalized: string, description: string): PerInstance | null {
  const m = new RegExp(String.raw`(?:每|发现|出现|存在)[^;,]{0,12}?(?:${NUM}|每)?(?:例|处|次|项|个|笔|起)[^;,\d]{0,12}?扣(?:除)?${NUM}分`, 'u').exec(normalized);
  if (!m || /百分点/u.test(m[0])) return null;
  const perInstance = numberOf(m[2]!);
  if (perInstance === null || perInstance <= 0) return null;
  return { kind: 'per-instance', perInstance, description, sources: [] };
}

/** Countable: computable only when the report states how many instances were found ("发现2例"; "未发现" = 0). */
export function scorePerInstance(rule: PerInstance, weight: number, measured: Measured): ExpectedScore {
  if (!measured.count) return { unknown: `按“每出现一例扣 ${shortText(dec(rule.perInstance))} 分”计分，但报告没有写明发现了几例，无法计算` };
  const lost = dec(rule.perInstance).times(measured.count.value);
  const score = lost.gte(weight) ? dec(0) : dec(weight).minus(lost);
  return { score, formula: `${measured.count.how}，${measured.count.value} 例 × ${shortText(dec(rule.perInstance))} = 扣 ${shortText(lost)} 分，应得 ${shortText(score)} 分${lost.gte(weight) ? '（扣完为止）' : ''}` };
}
