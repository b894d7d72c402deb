import { defineRule } from '../../define-rule.js';
import { decimalsOf, format, matchesStated } from '../../../model/decimal.js';
import { queryOf } from '../../../report/query/report-query.js';
import { findCoverageStatements, findRatioStatements } from '../../rate-statements.js';
import { relatedLine } from '../../report-lines.js';
import { findStatedComputations } from '../../stated-computations.js';
import type { Finding } from '../../../model/index.js';

const ID = 'formula/inline-arithmetic';

export default defineRule({
  id: ID,
  title: '文中写出的算式结果正确',
  description: '报告中写出的算式（如“30÷32×100%＝93.75%”“结转结余率为 3.89%（26.99 万元÷693.56 万元）”“（A）-（B）= C”）用十进制重算，结果按所写的小数位四舍五入后应与所写结果一致。',
  severity: 'error',
  check(report) {
    // A rate that formula/ratio or formula/coverage-rate already recomputes from the same sentence is theirs.
    const checkedElsewhere = new Set([...findRatioStatements(report), ...findCoverageStatements(report)].map((s) => `${s.stated.line}:${s.stated.value}`));
    const findings: Finding[] = [];
    for (const c of findStatedComputations(report)) {
      if (matchesStated(c.result.value, c.exact) || checkedElsewhere.has(`${c.line}:${c.result.value}`)) continue;
      const places = decimalsOf(c.result.value);
      const right = `${format(c.exact, places)}${c.result.unit}`;
      const precise = `${format(c.exact, Math.max(places, 2) + 2)}`;
      const sectionPath = queryOf(report).paragraphAt(c.line)?.sectionPath ?? [];
      findings.push({
        ruleId: ID, severity: 'error', line: c.line, column: c.column, sectionPath,
        message: `算式“${c.expression}”的结果写作 ${c.result.value}${c.result.unit}，但重算得 ${precise}${c.result.unit === '%' ? '%' : ''}，按所写的 ${places} 位小数应为 ${right}。`,
        expected: right, actual: `${c.result.value}${c.result.unit}`, formula: `${c.expression} = ${precise}`,
        related: [relatedLine(report, c.line, c.result.value)],
      });
    }
    return findings;
  },
});
