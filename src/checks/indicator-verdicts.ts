import type { IndicatorNode, Report } from '../model/index.js';
import { queryOf } from '../report/query/report-query.js';
import { indicatorVerdict, type IndicatorVerdict } from '../rubric/indicator-verdict.js';
import type { RubricMatch } from '../rubric/match-rubric.js';
import { resolveRubricRate } from './rubric-rate.js';

/**
 * The verdict on an indicator's score (rubric/indicator-verdict.ts) with the indicator's own figures and the rubric
 * item it matched: the one truth that score rules, answers and Word comments share. Several rules read the same
 * verdicts: computed once per report, rubric match and indicator.
 */
export function verdictOf(report: Report, node: IndicatorNode, rubricMatch: RubricMatch): IndicatorVerdict {
  const query = queryOf(report);
  return query.memo(rubricMatch, node, () => {
    const rubric = rubricMatch.byIndicatorId.get(node.id);
    return indicatorVerdict({
      node, figures: query.figuresOf(node),
      ...(rubric ? { rubric, rubricRate: resolveRubricRate(report, node, rubric) } : {}),
    });
  });
}
