import type { IndicatorNode } from '../model/index.js';

/** The line where a finding about this indicator's score should point: the score line, else the heading. */
export function scoreLineOf(node: IndicatorNode): number {
  return node.scoreLine ?? node.line;
}

/** Is a whole subtree 不考核 (a not-assessed leaf, or a parent whose every leaf is not assessed)? */
export function isNotAssessed(node: IndicatorNode): boolean {
  return node.children.length === 0 ? !node.assessed : node.children.every(isNotAssessed);
}
