import { Decimal } from 'decimal.js';
import type { Adjustment, Bonus } from '../model/index.js';

const DEDUCTION_LABEL = /扣分|减分/u;
const ADDITION_LABEL = /加分|加减/u;

/** A 扣分项/减分项 row written as a positive number ("扣分项 | 1") counts −1; a signed number counts as written. */
export function adjustmentScore(label: string, score: number): number {
  return score > 0 && DEDUCTION_LABEL.test(label) && !ADDITION_LABEL.test(label) ? -score : score;
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
