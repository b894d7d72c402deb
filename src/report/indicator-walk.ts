import type { IndicatorNode } from '../model/index.js';

/**
 * Walks of an indicator tree given as nodes (while a report is being recognised, or a `textView`). For a parsed
 * Report use ReportQuery (report/query/report-query.ts): `queryOf(report).indicators()` / `.leaves()`.
 */

/** Every node of an indicator tree, parents before children. */
export function allIndicatorsOf(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  const visit = (node: IndicatorNode): void => {
    out.push(node);
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

/** The scored leaves: indicators without children (assessed or explicitly not assessed), in report order. */
export function indicatorLeaves(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return allIndicatorsOf(nodes).filter((node) => node.children.length === 0);
}
