import type { IndicatorNode, Report } from '../model/index.js';
import { indicatorVerdict, type IndicatorVerdict } from '../rubric/indicator-verdict.js';
import type { RubricMatch } from '../rubric/match-rubric.js';
import { figuresOf } from './figure-query.js';
import { resolveRubricRate } from './rubric-rate.js';

/** Several rules read the same verdicts: computed once per rubric match (one per check run) and indicator. */
const verdicts = new WeakMap<RubricMatch, WeakMap<IndicatorNode, IndicatorVerdict>>();

/**
 * The verdict on an indicator's score (rubric/indicator-verdict.ts) with the indicator's own figures and the rubric
 * item it matched: the one truth that score rules, answers and Word comments share.
 */
export function verdictOf(report: Pick<Report, 'figures'>, node: IndicatorNode, rubricMatch: RubricMatch): IndicatorVerdict {
  let byNode = verdicts.get(rubricMatch);
  if (!byNode) verdicts.set(rubricMatch, (byNode = new WeakMap()));
  let verdict = byNode.get(node);
  if (!verdict) {
    const rubric = rubricMatch.byIndicatorId.get(node.id);
    verdict = indicatorVerdict({
      node, figures: figuresOf(report, node),
      ...(rubric ? { rubric, rubricRate: resolveRubricRate(report, node, rubric) } : {}),
    });
    byNode.set(node, verdict);
  }
  return verdict;
}
