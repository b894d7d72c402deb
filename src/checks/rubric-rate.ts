import type { Figure, IndicatorNode, Report, RubricIndicator } from '../model/index.js';
import { rubricRateIn, statedRateIn, type RubricRate } from '../rubric/rubric-rate.js';
import { figuresOf, memoPerFigures } from './figure-query.js';

export { withinBound, type RubricRate } from '../rubric/rubric-rate.js';

/** The stated rate of an indicator: a % (or bare ratio) figure in its text named like the indicator or like a rate. */
export function statedRateOf(report: Pick<Report, 'figures'>, node: IndicatorNode, rubric: RubricIndicator): Figure | null {
  return statedRateIn(figuresOf(report, node), node, rubric);
}

/** formula/rubric-rate and score/rubric-rule both ask for the same rates: resolved once per figures, node and rubric item. */
const rateCache = new WeakMap<readonly Figure[], WeakMap<IndicatorNode, Map<RubricIndicator, RubricRate | null>>>();

/** Recompute the rubric's formula for one indicator from the report's figures (rubric/rubric-rate.ts); null when an input is missing. */
export function resolveRubricRate(report: Pick<Report, 'figures'>, node: IndicatorNode, rubric: RubricIndicator): RubricRate | null {
  const byRubric = memoPerFigures(rateCache, report.figures, node, () => new Map<RubricIndicator, RubricRate | null>());
  if (!byRubric.has(rubric)) byRubric.set(rubric, rubricRateIn(figuresOf(report, node), node, rubric));
  return byRubric.get(rubric)!;
}
