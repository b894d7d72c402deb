import { defineRule } from '../../define-rule.js';
import { decimalsOf, format, matchesStated, percent } from '../../../model/decimal.js';
import { coreSubject, figureText } from '../../../report/figure-words.js';
import { findCoverageStatements } from '../../rate-statements.js';
import { relatedLines } from '../../report-lines.js';
import type { Finding } from '../../../model/index.js';

const ID = 'formula/coverage-rate';

export default defineRule({
  id: ID,
  title: '覆盖率、完成率与计数一致',
  description: '“共实施 7 个项目，其中设置了绩效目标的项目 7 个，覆盖率为 100%”：按 其中数 ÷ 总数 × 100% 重算。',
  severity: 'error',
  check(report) {
    const findings: Finding[] = [];
    for (const s of findCoverageStatements(report)) {
      const exact = percent(s.numerator.value, s.denominator.value);
      if (exact === null || matchesStated(s.stated.value, exact)) continue;
      const places = Math.max(2, decimalsOf(s.stated.value));
      findings.push({
        ruleId: ID, severity: 'error', line: s.stated.line, column: s.stated.column, sectionPath: s.stated.sectionPath,
        message: `报告写${coreSubject(s.stated.subject)}为 ${s.stated.value}%，但${coreSubject(s.numerator.subject).replace(/^其中/u, '')} ${figureText(s.numerator)} ÷ ${coreSubject(s.denominator.subject)} ${figureText(s.denominator)} = ${format(exact, places)}%。`,
        expected: `${format(exact, decimalsOf(s.stated.value))}%`, actual: `${s.stated.value}%`,
        formula: `${s.numerator.value} ÷ ${s.denominator.value} × 100% = ${format(exact, places)}%`,
        related: relatedLines(report, [s.denominator, s.numerator, s.stated].map((f) => ({ line: f.line, focus: f.value }))),
      });
    }
    return findings;
  },
});
