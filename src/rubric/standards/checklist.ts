import type { DeductionRule } from '../../model/index.js';
import { dec } from '../../model/decimal.js';
import { shortText, type ExpectedScore, type Measured } from './expected-result.js';
import { NUM, numberOf } from './standard-text.js';

type Checklist = Extract<DeductionRule, { kind: 'checklist' }>;

/** "三个要点各1分", "共3个评价要点，每个要点1分", "每项要点0.5分". */
export function parseChecklist(normalized: string, description: string): Checklist | null {
  const each = new RegExp(String.raw`(?:${NUM}个|共${NUM}个)?(?:评价)?(?:要点|方面|条件|内容)[^;]{0,6}?(?:各|每(?:个|项|条)?(?:要点)?)${NUM}分`, 'u').exec(normalized)
    ?? new RegExp(String.raw`每(?:个|项|条)?(?:评价)?要点${NUM}分`, 'u').exec(normalized);
  if (!each) return null;
  const groups = each.slice(1).filter((g): g is string => g !== undefined);
  const perItem = numberOf(groups[groups.length - 1]!);
  const items = groups.length > 1 ? numberOf(groups[0]!) : (() => {
    const count = new RegExp(String.raw`${NUM}个(?:评价)?要点`, 'u').exec(normalized);
    return count ? numberOf(count[1]!) : null;
  })();
  if (perItem === null || perItem <= 0) return null;
  return { kind: 'checklist', items, perItem, description, sources: [] };
}

/** Countable: computable only when the report says how many points were not met ("有1个要点未达到"). */
export function scoreChecklist(rule: Checklist, weight: number, measured: Measured): ExpectedScore {
  if (!measured.count) return { unknown: `按要点计分（每个要点 ${shortText(dec(rule.perItem))} 分），但报告没有写明哪几个要点未达到，无法计算` };
  const lost = dec(rule.perItem).times(measured.count.value);
  const score = lost.gte(weight) ? dec(0) : dec(weight).minus(lost);
  return { score, formula: `${measured.count.how}，${measured.count.value} 个要点未达到 × ${shortText(dec(rule.perItem))} = 扣 ${shortText(lost)} 分，应得 ${shortText(score)} 分` };
}
