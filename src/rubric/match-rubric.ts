import type { IndicatorNode, Report, Rubric, RubricIndicator } from '../model/index.js';
import { normalizeIndicatorName } from './normalize-indicator-name.js';
import { queryOfCopy } from '../report/query/report-query.js';

/** How a report's indicators line up with a rubric. */
export interface RubricMatch {
  report: Report; // a copy of the report whose indicators carry `rubricId`
  byIndicatorId: ReadonlyMap<string, RubricIndicator>; // report indicator id → rubric indicator
  unmatched: IndicatorNode[]; // report indicators with no rubric counterpart (still parsed and checked)
  missing: RubricIndicator[]; // rubric indicators that the report does not mention
}

function keysOf(indicator: RubricIndicator): Set<string> {
  return new Set([indicator.name, ...indicator.aliases].flatMap(normalizeIndicatorName));
}

function flatten(indicators: readonly RubricIndicator[]): RubricIndicator[] {
  return indicators.flatMap((i) => [i, ...flatten(i.children)]);
}

/** Rubric indicator id → every indicator at or below it (for "parent matched, child missing" bookkeeping). */
export function rubricIndicatorsById(rubric: Rubric): Map<string, RubricIndicator> {
  return new Map(flatten(rubric.indicators).map((i) => [i.id, i]));
}

/** Match report indicators to the rubric by name (with aliases and normalisation), parent first, then anywhere. */
export function matchRubric(report: Report, rubric: Rubric): RubricMatch {
  const all = flatten(rubric.indicators);
  const keys = new Map(all.map((i) => [i, keysOf(i)]));
  const byKey = new Map<string, RubricIndicator[]>(); // normalised name → rubric indicators with it, in rubric order
  for (const [indicator, names] of keys) {
    for (const key of names) {
      const list = byKey.get(key);
      if (list) list.push(indicator);
      else byKey.set(key, [indicator]);
    }
  }
  const taken = new Set<RubricIndicator>();
  const byIndicatorId = new Map<string, RubricIndicator>();
  const unmatched: IndicatorNode[] = [];

  const find = (node: IndicatorNode, candidates: readonly RubricIndicator[]): RubricIndicator | undefined => {
    const names = normalizeIndicatorName(node.name);
    const hits = (pool: readonly RubricIndicator[]) =>
      pool.filter((i) => !taken.has(i) && names.some((n) => keys.get(i)!.has(n)));
    const local = hits(candidates);
    if (local.length > 0) return local[0];
    // hits(all) through the key index: the untaken indicators with one of the names, each once.
    const anywhere = new Set<RubricIndicator>();
    for (const n of names) for (const i of byKey.get(n) ?? []) if (!taken.has(i)) anywhere.add(i);
    return anywhere.size === 1 ? anywhere.values().next().value : undefined;
  };

  const visit = (node: IndicatorNode, candidates: readonly RubricIndicator[]): IndicatorNode => {
    const match = find(node, candidates);
    if (match) {
      taken.add(match);
      byIndicatorId.set(node.id, match);
    } else {
      unmatched.push(node);
    }
    const children = node.children.map((child) => visit(child, match ? match.children : []));
    return { ...node, rubricId: match?.id ?? null, children };
  };

  const indicators = report.indicators.map((node) => visit(node, rubric.indicators));
  const missing = all.filter((i) => !taken.has(i));
  const matched: Report = { ...report, indicators };
  queryOfCopy(matched, report); // its queries reuse the report's figure, paragraph and line indexes
  return { report: matched, byIndicatorId, unmatched, missing };
}
