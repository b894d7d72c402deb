import type { IndicatorNode, Report, Rubric, RubricIndicator } from '../model/index.js';
import { matchRubric, type RubricMatch } from './match-rubric.js';
import { queryOfCopy } from '../report/query/report-query.js';

/** Which rubric a report is checked with, and why (for the CLI line "评分细则：乐昌 2024（27 项中 26 项匹配）"). */
export interface RubricChoice {
  rubric: Rubric; // the rubric used; REPORT_OWN_RUBRIC when no bundled rubric fits
  how: 'forced' | 'matched' | 'none';
  reportLeaves: number; // the report's scored leaves
  matchedLeaves: number; // of those, how many the rubric names
  rubricLeaves: number; // the rubric's leaves
  summary: string; // Chinese, one line
}

/** Share of the report's leaves, and of the rubric's, that must match by name for a bundled rubric to apply. */
export const MATCH_SHARE = 0.6;

/** The stand-in when no bundled rubric fits: no indicators, so only the report's own standards and generic rules apply. */
export const REPORT_OWN_RUBRIC: Rubric = Object.freeze({
  id: 'report-own',
  name: '报告自带评分标准',
  shortName: '报告自带评分标准',
  total: 100,
  description: '没有与报告指标体系相符的内置评分细则：按报告自带的评分标准和通用规则（分值加总、总分、得分不超过分值、比率重算）检查，不套用其他地区的分值和规则。',
  sources: [],
  indicators: [],
}) as Rubric;

function leavesOf(indicators: readonly RubricIndicator[]): RubricIndicator[] {
  return indicators.flatMap((i) => (i.children.length === 0 ? [i] : leavesOf(i.children)));
}

function reportLeaves(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((n) => (n.children.length === 0 ? [n] : reportLeaves(n.children)));
}

function nameOf(rubric: Rubric): string {
  return rubric.shortName ?? rubric.name;
}

interface Fit {
  rubric: Rubric;
  match: RubricMatch;
  reportLeaves: number;
  matchedLeaves: number;
  rubricLeaves: number;
  matchedRubricLeaves: number;
}

function fitOf(report: Report, rubric: Rubric): Fit {
  const match = matchRubric(report, rubric);
  const leaves = reportLeaves(report.indicators);
  const rubricLeafIds = new Set(leavesOf(rubric.indicators).map((i) => i.id));
  const matchedLeaves = leaves.filter((l) => match.byIndicatorId.has(l.id)).length;
  const matchedRubricLeaves = new Set([...match.byIndicatorId.values()].filter((i) => rubricLeafIds.has(i.id)).map((i) => i.id)).size;
  return { rubric, match, reportLeaves: leaves.length, matchedLeaves, rubricLeaves: rubricLeafIds.size, matchedRubricLeaves };
}

/**
 * A bundled rubric applies when at least 60% of the report's leaves match it by name and (for a rubric with its own
 * weights) at least 60% of the rubric's leaves are matched. A reference framework (53号) is a menu of indicators, so only
 * the report's share counts, and at least three leaves must match.
 */
function fits(fit: Fit): boolean {
  if (fit.reportLeaves === 0 || fit.matchedLeaves / fit.reportLeaves < MATCH_SHARE) return false;
  if (fit.rubric.reference) return fit.matchedLeaves >= 3;
  return fit.rubricLeaves > 0 && fit.matchedRubricLeaves / fit.rubricLeaves >= MATCH_SHARE;
}

function summaryOf(fit: Fit, how: 'forced' | 'matched'): string {
  const counts = `${fit.reportLeaves} 项中 ${fit.matchedLeaves} 项匹配`;
  return how === 'forced' ? `${nameOf(fit.rubric)}（指定的评分细则；${counts}）` : `${nameOf(fit.rubric)}（${counts}）`;
}

/** Choose among bundled rubrics by how well the report's indicators match them; none fits → REPORT_OWN_RUBRIC. */
export function selectRubric(report: Report, candidates: readonly Rubric[]): RubricChoice & { match: RubricMatch } {
  const fitting = candidates.map((rubric) => fitOf(report, rubric)).filter(fits);
  const best = fitting.sort((a, b) => b.matchedLeaves / b.reportLeaves - a.matchedLeaves / a.reportLeaves)[0];
  if (!best) {
    const leaves = reportLeaves(report.indicators).length;
    return {
      rubric: REPORT_OWN_RUBRIC, how: 'none', reportLeaves: leaves, matchedLeaves: 0, rubricLeaves: 0,
      summary: '无（未匹配内置细则：按报告自带评分标准和通用规则检查）',
      match: { report: queryOfCopy({ ...report, indicators: report.indicators.map(clearRubricId) }, report).report, byIndicatorId: new Map(), unmatched: [], missing: [] },
    };
  }
  return { rubric: best.rubric, how: 'matched', reportLeaves: best.reportLeaves, matchedLeaves: best.matchedLeaves, rubricLeaves: best.rubricLeaves, summary: summaryOf(best, 'matched'), match: best.match };
}

/** A rubric the user named (--rubric FILE): always used. */
export function forceRubric(report: Report, rubric: Rubric): RubricChoice & { match: RubricMatch } {
  const fit = fitOf(report, rubric);
  return { rubric, how: 'forced', reportLeaves: fit.reportLeaves, matchedLeaves: fit.matchedLeaves, rubricLeaves: fit.rubricLeaves, summary: summaryOf(fit, 'forced'), match: fit.match };
}

function clearRubricId(node: IndicatorNode): IndicatorNode {
  return { ...node, rubricId: null, children: node.children.map(clearRubricId) };
}
