import type { Figure, IndicatorNode, Report } from '../model/index.js';
import { queryOf } from '../report/query/report-query.js';

/**
 * For callers outside checks/ that still import figure helpers from here: checks/ reads figures through report/query
 * (queryOf(report)) and the words of one figure from report/figure-words.ts; move to those and this file goes.
 */
export { boundOf, coreSubject, figureText, isQuantity, isRateFigure } from '../report/figure-words.js';

/** The figures written in an indicator's own text (ReportQuery.figuresOf; shared, do not modify). */
export function figuresOf(report: Report, node: IndicatorNode): readonly Figure[] {
  return queryOf(report).figuresOf(node);
}
