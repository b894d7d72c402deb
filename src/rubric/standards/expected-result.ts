import type { Dec } from '../../model/decimal.js';

/** Where a stated value came from: a 实际完成值/执行率 column, the rubric's formula over the text's figures, the
 * 扣分原因/说明 cell, or a sentence of the indicator's text. */
export type ValueSource = 'column' | 'formula' | 'reason' | 'evidence';

/** What a report measured for one indicator, each with how it was found ("实际完成值 98.5%"). */
export interface Measured {
  rate?: { value: Dec; how: string; from?: ValueSource }; // in percent (or a plain number for "=0" / "≤0" standards)
  count?: { value: number; how: string }; // 发现 2 例 / 2 个要点未达到 → the count the standard counts
  balance?: { remaining: Dec; lastYear: Dec; how: string }; // 本年结转结余, 上年结转
  target?: { target: Dec; actual: Dec; how: string; direction?: 'positive' | 'negative' }; // 年度指标值 A, 实际完成值 B
  grade?: { label: string; how: string }; // the grade the report claims ("部分达成")
}

/** The expected score, the allowed range of scores (qualitative bands, boundary values), or why it cannot be computed. */
export type ExpectedScore =
  | { score: Dec; formula: string }
  | { range: { min: Dec; max: Dec }; formula: string }
  | { unknown: string };

export function isUnknown(result: ExpectedScore): result is { unknown: string } {
  return 'unknown' in result;
}

/** A decimal for people: at most 2 decimals, trailing zeros dropped ("3.2", "110.53", "5"). */
export function shortText(value: Dec): string {
  const text = value.toDecimalPlaces(2).toFixed(2);
  return text.replace(/\.?0+$/u, '') || '0';
}
