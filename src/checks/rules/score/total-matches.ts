import { defineRule } from '../../define-rule.js';
import { matchesStated, plain } from '../../../model/decimal.js';
import { queryOf } from '../../../report/query/report-query.js';
import { RepeatedStatements, relatedLines } from '../../report-lines.js';
import { placesText } from '../../format/group-findings.js';
import { computeTotals, totalsFormula } from '../../summary.js';
import type { Finding, StatedTotal } from '../../../model/index.js';

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
    const rows = totals.adjustments.length > 5 ? `（共 ${totals.adjustments.length} 项）`
      : totals.adjustments.length > 1 ? `（${totals.adjustments.map((a, i) => (i === 0 ? plain(a) : a.isNegative() ? `− ${plain(a.abs())}` : `+ ${plain(a)}`)).join(' ')}）` : '';
    const explain = `各项得分合计 ${plain(totals.leafScores)} 分${note} + 加减分 ${plain(totals.bonus)} 分${rows} = ${plain(totals.computed)} 分`;
    if (report.statedTotals.length === 0) {
      const line = report.indicators[0]?.line ?? 1;
      return [{
        ruleId: ID, severity: 'warning', line, sectionPath: [],
        message: `报告没有写明自评总分（如“自评结果为 99 分”）；按${explain}。`,
        expected: plain(totals.computed), formula: totalsFormula(totals),
      }];
    }
    // The same wrong total written in several places (the conclusion and the 总分 row) is one finding naming each place.
    const wrongByValue = new Map<number, StatedTotal[]>();
    for (const stated of report.statedTotals) {
      if (matchesStated(String(stated.value), totals.computed)) continue;
      wrongByValue.set(stated.value, [...(wrongByValue.get(stated.value) ?? []), stated]);
    }
    const adjustments = report.adjustments ?? (report.bonus ? [report.bonus] : []);
    return [...wrongByValue].map(([value, places]): Finding => ({
      ruleId: ID, severity: 'error', line: places[0]!.line, sectionPath: [],
      message: `报告写自评总分 ${plain(value)} 分${places.length > 1 ? `（${placesText(places.map((p) => `第 ${p.line} 行`))}）` : ''}，但${explain}，相差 ${plain(totals.computed.minus(value).abs())} 分。`,
      expected: plain(totals.computed), actual: plain(value), formula: totalsFormula(totals),
      // A sentence repeated verbatim (a passage copied) is quoted once; the message names every place.
      related: relatedLines(report, [...new RepeatedStatements(report, places).firsts().map((p) => ({ line: p.line, focus: String(p.value) })), ...new RepeatedStatements(report, adjustments).firsts().map((a) => ({ line: a.line }))]),
    }));
  },
});
