import type { CheckRule } from './define-rule.js';
import withinWeight from './rules/score/within-weight.js';
import weightsSum from './rules/score/weights-sum.js';
import totalMatches from './rules/score/total-matches.js';
import parentScore from './rules/score/parent-score.js';
import deductionExplained from './rules/score/deduction-explained.js';
import deductionColumn from './rules/score/deduction-column.js';
import fullScoreAdmitsShortfall from './rules/score/full-score-admits-shortfall.js';
import rubricRule from './rules/score/rubric-rule.js';
import unmatchedIndicator from './rules/score/unmatched-indicator.js';
import ownStandard from './rules/score/own-standard.js';
import yearOnYear from './rules/formula/year-on-year.js';
import sumOfParts from './rules/formula/sum-of-parts.js';
import ratio from './rules/formula/ratio.js';
import coverageRate from './rules/formula/coverage-rate.js';
import rubricRate from './rules/formula/rubric-rate.js';
import inlineArithmetic from './rules/formula/inline-arithmetic.js';
import budgetExecution from './rules/formula/budget-execution.js';
import sameQuantity from './rules/consistency/same-quantity.js';
import headcount from './rules/consistency/headcount.js';
import rateContradiction from './rules/consistency/rate-contradiction.js';
import tableVsText from './rules/consistency/table-vs-text.js';

/** Every check rule, in the order they run. A meta test keeps this list and rules/ in step. */
export const RULES: readonly CheckRule[] = [
  withinWeight, weightsSum, totalMatches, parentScore, deductionExplained, deductionColumn, fullScoreAdmitsShortfall, rubricRule, unmatchedIndicator, ownStandard,
  yearOnYear, sumOfParts, ratio, coverageRate, rubricRate, inlineArithmetic, budgetExecution,
  sameQuantity, headcount, rateContradiction, tableVsText,
];

export function ruleById(id: string): CheckRule | undefined {
  return RULES.find((rule) => rule.id === id);
}
