import type { Figure, IndicatorNode, Report, RubricIndicator } from '../model/index.js';
import { queryOf } from '../report/query/report-query.js';
import { rubricRateIn, statedRateIn, type RubricRate } from '../rubric/rubric-rate.js';

export { withinBound, type RubricRate } from '../rubric/rubric-rate.js';

/** The stated rate of an indicator: a % (or bare ratio) figure in its text named like the indicator or like a rate. */
export function statedRateOf(report: Report, node: IndicatorNode, rubric: RubricIndicator): Figure | null {
  return statedRateIn(queryOf(report).figuresOf(node), node, rubric);
}

/** formula/rubric-rate and the verdicts ask for the same rates: resolved once per report, node and rubric item. */
const RUBRIC_RATES = {};

/** Recompute the rubric's formula for one indicator from the report's figures (rubric/rubric-rate.ts); null when an input is missing. */
export function resolveRubricRate(report: Report, node: IndicatorNode, rubric: RubricIndicator): RubricRate | null {
  const query = queryOf(report);
  const byRubric = query.memo(RUBRIC_RATES, node, () => new Map<RubricIndicator, RubricRate | null>());
  if (!byRubric.has(rubric)) byRubric.set(rubric, rubricRateIn(query.figuresOf(node), node, rubric));
  return byRubric.get(rubric)!;
}
