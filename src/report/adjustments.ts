import { Decimal } from 'decimal.js';
import type { Adjustment, Bonus } from '../model/index.js';

const DEDUCTION_LABEL = /扣分|减分/u;
const ADDITION_LABEL = /加分|加减/u;

/** A 扣分项/减分项 row written as a positive number ("扣分项 | 1") counts −1; a signed number counts as written. */
export function adjustmentScore(label: string, score: number): number {
  return score > 0 && DEDUCTION_LABEL.test(label) && !ADDITION_LABEL.test(label) ? -score : score;
}

/** "加1分", "扣0.5分", "减2分" — not a standard's "每…加1分" or a cap "最高加3分". */
const ADJUSTMENT_PHRASE = /(?<!每[^，。；]{0,12}|最高|最多|上限|不超过)(加|扣|减)(?:除)?\s*(\d+(?:\.\d+)?)\s*分/gu;

/**
 * The points a 加分项/扣分项 paragraph adds or takes in words ("获得省级表彰，加1分。"), signed, with the offset of the
 * first phrase; null when it states none. `skip` tells phrases of a quoted or stated standard (report/narrative-scores.ts).
 */
export function adjustmentInText(text: string, skip: (index: number) => boolean): { score: number; index: number } | null {
  let sum = new Decimal(0);
  let first: number | null = null;
  for (const m of text.matchAll(ADJUSTMENT_PHRASE)) {
    if (skip(m.index)) continue;
    sum = m[1] === '加' ? sum.plus(m[2]!) : sum.minus(m[2]!);
    first ??= m.index;
  }
  return first === null ? null : { score: sum.toNumber(), index: first };
}

/**
 * The report's `bonus` from its adjustments: one adjustment as it is; several summed (decimal), at the first one's line,
 * their evidence joined. Null when there is none.
 */
export function bonusOf(adjustments: readonly Adjustment[]): Bonus | null {
  if (adjustments.length === 0) return null;
  if (adjustments.length === 1) {
    const [only] = adjustments;
    return { score: only!.score, line: only!.line, evidence: only!.evidence };
  }
  const score = adjustments.reduce((sum, a) => sum.plus(a.score), new Decimal(0)).toNumber();
  const evidence = adjustments.map((a) => [a.label, a.evidence].filter((t) => t && t !== '').join('：')).filter((t) => t !== '').join('；');
  return { score, line: adjustments[0]!.line, evidence };
}
