import type { DeductionRule, IndicatorNode, Report, RubricIndicator } from '../model/index.js';
import { dec, format, type Dec } from './decimal.js';
import { resolveRubricRate, statedRateOf } from './rubric-rate.js';

/** The rate (in percent) an indicator's score depends on: recomputed from the rubric formula, else as stated. */
export function rateInPercent(report: Pick<Report, 'figures'>, node: IndicatorNode, rubric: RubricIndicator): { value: Dec; how: string } | null {
  const computed = resolveRubricRate(report, node, rubric);
  if (computed) return { value: computed.unit === '%' ? computed.exact : computed.exact.times(100), how: computed.formula };
  const stated = statedRateOf(report, node, rubric);
  if (!stated) return null;
  const value = stated.unit === '%' ? dec(stated.value) : dec(stated.value).times(100);
  return { value, how: `报告写明 ${stated.value}${stated.unit}` };
}

/** The score a computable deduction rule gives for a rate; null for `unknown` rules. */
export function expectedScore(rule: DeductionRule, weight: number, ratePercent: Dec): Dec | null {
  const w = dec(weight);
  switch (rule.kind) {
    case 'unknown':
      return null;
    case 'proportional':
      return Dec_min(ratePercent.div(100), dec(1)).times(w);
    case 'control-rate': {
      if (ratePercent.lte(rule.limit)) return w;
      const lost = ratePercent.minus(rule.limit).times(rule.perPoint);
      return lost.gte(w) ? dec(0) : w.minus(lost);
    }
    case 'bands': {
      const band = rule.bands.find((b) => (b.min === null || ratePercent.gte(b.min)) && (b.max === null || ratePercent.lt(b.max)));
      return band ? w.times(band.fraction) : null;
    }
  }
}

function Dec_min(a: Dec, b: Dec): Dec {
  return a.lt(b) ? a : b;
}

/** "按 S2、S3 的规则（可信度低）" */
export function ruleSourceText(rule: DeductionRule): string {
  const ids = rule.sources.map((s) => s.id).join('、');
  const levels = { high: '高', medium: '中', low: '低', none: '无' } as const;
  const confidence = rule.sources.map((s) => levels[s.confidence]).join('/');
  return ids ? `来源 ${ids}，可信度${confidence}` : '来源不详';
}

export function formatScore(value: Dec): string {
  return value.isInteger() ? value.toFixed(0) : format(value, 2).replace(/0+$/u, '').replace(/\.$/u, '');
}
