import type { IndicatorNode, Report } from '../model/index.js';

/** Every indicator of the report, parents before children. */
export function allIndicators(report: Pick<Report, 'indicators'>): IndicatorNode[] {
  const out: IndicatorNode[] = [];
  const visit = (node: IndicatorNode): void => {
    out.push(node);
    node.children.forEach(visit);
  };
  report.indicators.forEach(visit);
  return out;
}

/** The scored leaves: indicators without children (assessed or marked 不考核), in report order. */
export function scoredLeaves(report: Pick<Report, 'indicators'>): IndicatorNode[] {
  return allIndicators(report).filter((node) => node.children.length === 0);
}

/** Is a whole subtree 不考核 (a not-assessed leaf, or a parent whose every leaf is not assessed)? */
export function isNotAssessed(node: IndicatorNode): boolean {
  return node.children.length === 0 ? !node.assessed : node.children.every(isNotAssessed);
}

/** The line where a finding about this indicator's score should point: the score line, else the heading. */
export function scoreLineOf(node: IndicatorNode): number {
  return node.scoreLine ?? node.line;
}

/** Is `line` inside this indicator's own text (heading to last evidence line)? */
export function ownsLine(node: IndicatorNode, line: number): boolean {
  const end = node.evidenceLines?.[1] ?? node.scoreLine ?? node.line;
  return line >= node.line && line <= end;
}
