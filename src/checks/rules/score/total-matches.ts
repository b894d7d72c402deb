import { defineRule } from '../../define-rule.js';
import { matchesStated, plain } from '../../decimal.js';
import { queryOf } from '../../../report/query/report-query.js';
import { relatedLine } from '../../report-lines.js';
import { computeTotals, totalsFormula } from '../../summary.js';
import type { Finding } from '../../../model/index.js';

const ID = 'score/total-matches';

export default defineRule({
  id: ID,
  title: '总分与各项得分合计一致',
  description: '各项指标自评得分之和加上加减分，应等于报告中每一处写明的自评总分。',
  severity: 'error',
  check(report) {
    const totals = computeTotals(report);
    const missing = queryOf(report).leaves().filter((l) => l.assessed && l.score === null);
    const note = missing.length > 0 ? `（其中${missing.map((l) => `“${l.name}”`).join('、')}没有写得分，按 0 分计）` : '';
    const explain = `各项得分合计 ${plain(totals.leafScores)} 分${note} + 加减分 ${plain(totals.bonus)} 分 = ${plain(totals.computed)} 分`;
    if (report.statedTotals.length === 0) {
      const line = report.indicators[0]?.line ?? 1;
      return [{
        ruleId: ID, severity: 'warning', line, sectionPath: [],
        message: `报告没有写明自评总分（如“自评结果为 99 分”）；按${explain}。`,
        expected: plain(totals.computed), formula: totalsFormula(totals),
      }];
    }
    const findings: Finding[] = [];
    for (const stated of report.statedTotals) {
      if (matchesStated(String(stated.value), totals.computed)) continue;
      findings.push({
        ruleId: ID, severity: 'error', line: stated.line, sectionPath: [],
        message: `报告写自评总分 ${plain(stated.value)} 分，但${explain}，相差 ${plain(totals.computed.minus(stated.value).abs())} 分。`,
        expected: plain(totals.computed), actual: plain(stated.value), formula: totalsFormula(totals),
        related: [relatedLine(report, stated.line, String(stated.value)), ...(report.bonus ? [relatedLine(report, report.bonus.line)] : [])],
      });
    }
    return findings;
  },
});
