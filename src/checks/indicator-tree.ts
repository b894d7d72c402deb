import type { IndicatorNode, Report } from '../model/index.js';
import { allIndicatorsOf } from '../report/indicator-walk.js';

/**
 * For callers outside checks/ that still walk the tree here: checks/ reads it through report/query
 * (queryOf(report).indicators() / .leaves()); move to that and this file goes.
 */
export { isNotAssessed, scoreLineOf } from './score-line.js';

/** Every indicator of the report, parents before children. */
export function allIndicators(report: Pick<Report, 'indicators'>): IndicatorNode[] {
  return allIndicatorsOf(report.indicators);
}

/** The scored leaves: indicators without children (assessed or marked 不考核), in report order. */
export function scoredLeaves(report: Pick<Report, 'indicators'>): IndicatorNode[] {
  return allIndicators(report).filter((node) => node.children.length === 0);
}
