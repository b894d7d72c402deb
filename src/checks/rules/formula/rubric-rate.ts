import { defineRule } from '../../define-rule.js';
import { dec, decimalsOf, format, matchesStated } from '../../../model/decimal.js';
import { scoreLineOf } from '../../score-line.js';
import { queryOf } from '../../../report/query/report-query.js';
import { findCoverageStatements, findRatioStatements } from '../../rate-statements.js';
import { relatedLine, relatedLines } from '../../report-lines.js';
import { resolveRubricRate, statedRateOf, withinBound } from '../../rubric-rate.js';
import { findStatedComputations } from '../../stated-computations.js';
import type { Finding } from '../../../model/index.js';

const ID = 'formula/rubric-rate';

export default defineRule({
  id: ID,
  title: '按评分细则公式计算比率',
  description: '评分细则定义了计算公式的指标（如政府采购执行率 = 实际采购金额 ÷ 政府采购预算 × 100%），用报告中的数字重算：报告写了就核对，没写就给出算式；扣了分而无法重算时提示缺少哪些数。',
  severity: 'error',
  check(report, { rubricMatch }) {
    const findings: Finding[] = [];
    const checkedElsewhere = new Set([...findRatioStatements(report).filter((s) => s.from !== 'plan-actual'), ...findCoverageStatements(report)].map((s) => s.stated.id));
    // "结转结余率为 3.89%（26.99 万元÷693.56 万元）": the parts are written; formula/inline-arithmetic recomputes it.
    const withParts = new Set(findStatedComputations(report).map((c) => `${c.line}:${c.result.value}`));
    for (const node of queryOf(report).indicators()) {
      const target = rubricMatch.byIndicatorId.get(node.id);
      const formula = target?.formula;
      if (!target || !formula || !node.assessed) continue;
      const base = { ruleId: ID, sectionPath: node.path, indicatorId: node.id };
      const rate = resolveRubricRate(report, node, target);
      if (!rate) {
        const stated = statedRateOf(report, node, target);
        const lost = node.score !== null && node.weight !== null && dec(node.score).lt(node.weight);
        if (stated && lost && !withParts.has(`${stated.line}:${stated.value}`)) {
          findings.push({
            ...base, severity: 'info', line: stated.line,
            message: `报告写${target.name}为 ${stated.value}${stated.unit}，但没有写出计算所需的数（评分细则公式：${formula.expression}），无法复核；这一比率决定了本项扣分，建议写明分子和分母。`,
            actual: `${stated.value}${stated.unit}`, related: [relatedLine(report, stated.line, stated.value)],
          });
        }
        continue;
      }
      const line = rate.stated?.line ?? rate.numerator.line;
      const related = relatedLines(report, [rate.denominator, rate.numerator, ...(rate.stated ? [rate.stated] : [])].map((f) => ({ line: f.line, focus: f.value })));
      const suffix = rate.unit === '%' ? '%' : '';
      if (rate.stated && !rate.bound) {
        if (checkedElsewhere.has(rate.stated.id) || matchesStated(rate.stated.value, rate.exact)) continue;
        findings.push({
          ...base, severity: 'error', line, related, formula: rate.formula,
          message: `报告写${target.name}为 ${rate.stated.value}${suffix}，但按评分细则公式 ${rate.formula}，应为 ${format(rate.exact, decimalsOf(rate.stated.value))}${suffix}。`,
          expected: `${format(rate.exact, decimalsOf(rate.stated.value))}${suffix}`, actual: `${rate.stated.value}${suffix}`,
        });
        continue;
      }
      const boundNote = rate.bound
        ? `报告只写了“${rate.bound.figure.subject}${rate.bound.figure.value}${rate.bound.figure.unit}”，${withinBound(rate.exact, rate.bound) ? '计算结果符合' : '计算结果不符合'}这一表述。`
        : '报告没有写出这一比率。';
      findings.push({
        ...base, severity: 'info', line: rate.bound?.figure.line ?? scoreLineOf(node), related, formula: rate.formula,
        message: `${target.name}：按评分细则公式（${formula.expression}）计算，${rate.formula}。${boundNote}`,
        expected: `${format(rate.exact, 2)}${suffix}`,
      });
    }
    return findings;
  },
});
