import type { IndicatorNode } from '../model/index.js';

/** Every node of an indicator tree, parents before children. */
export function allIndicatorsOf(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((node) => [node, ...allIndicatorsOf(node.children)]);
}
