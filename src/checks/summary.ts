import type { Finding, Report, Severity } from '../model/index.js';
import { dec, plain, sum, type Dec } from '../model/decimal.js';
import { indicatorLeaves } from '../report/indicators.js';

export interface ScoreTotals {
  leafScores: Dec; // sum of the assessed leaves' stated scores
  leafWeights: Dec; // sum of the assessed leaves' weights
  bonus: Dec; // 加减分: the sum of every 加减分 row (report.adjustments), else report.bonus
  adjustments: Dec[]; // each 加减分 row's signed score, in report order (one entry for a single 加减分)
  computed: Dec; // leafScores + bonus
  stated: number | null; // the first total the report states
  assessedLeaves: number;
  notAssessedLeaves: number;
}

/** The report's totals computed in decimals (what score/total-matches compares with the stated totals). */
export function computeTotals(report: Pick<Report, 'indicators' | 'bonus' | 'statedTotals' | 'adjustments'>): ScoreTotals {
  const leaves = indicatorLeaves(report.indicators);
  const assessed = leaves.filter((l) => l.assessed);
  const leafScores = sum(assessed.map((l) => l.score ?? 0));
  const adjustments = report.adjustments && report.adjustments.length > 0
    ? report.adjustments.map((a) => dec(a.score))
    : report.bonus ? [dec(report.bonus.score)] : [];
  const bonus = sum(adjustments);
  return {
    leafScores,
    leafWeights: sum(assessed.map((l) => l.weight ?? 0)),
    bonus,
    adjustments,
    computed: leafScores.plus(bonus),
    stated: report.statedTotals[0]?.value ?? null,
    assessedLeaves: assessed.length,
    notAssessedLeaves: leaves.length - assessed.length,
  };
}

export type SeverityCounts = Record<Severity, number> & { total: number };

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, total: findings.length };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** 「共 9 条：错误 0，警告 3，提示 6」 */
export function summaryLine(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  return `共 ${c.total} 条：错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`;
}

/** "96 + 3 = 99" */
export function totalsFormula(totals: ScoreTotals): string {
  return `${plain(totals.leafScores)} + ${plain(totals.bonus)} = ${plain(totals.computed)}`;
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
