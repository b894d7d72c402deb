import { defineRule } from '../../define-rule.js';
import { dec, plain } from '../../../model/decimal.js';
import { scoreLineOf } from '../../score-line.js';
import { queryOf } from '../../../report/query/report-query.js';
import { relatedLine } from '../../report-lines.js';
import type { Finding } from '../../../model/index.js';

const ID = 'score/deduction-column';

export default defineRule({
  id: ID,
  title: '扣分列与得分一致',
  description: '评分表另有“扣分”列时（如四川等地的自评表），每行的分值 − 扣分应等于自评得分；不一致即报错，应得分按扣分列计算。',
  severity: 'error',
  check(report) {
    const findings: Finding[] = [];
    for (const leaf of queryOf(report).leaves()) {
      const { deduction, weight, score } = leaf;
      if (deduction === undefined || deduction === null || weight === null || score === null || !leaf.assessed) continue;
      const implied = dec(weight).minus(dec(deduction).abs()); // "-0.5" and "0.5" in a 扣分 column both take 0.5 off
      if (implied.eq(score)) continue;
      const line = scoreLineOf(leaf);
      findings.push({
        ruleId: ID, severity: 'error', line, sectionPath: leaf.path, indicatorId: leaf.id,
        message: `“${leaf.name}”分值 ${plain(weight)} 分、扣分 ${plain(dec(deduction).abs())} 分，应得 ${plain(implied)} 分，但得分写 ${plain(score)} 分：扣分列与得分列不一致。`,
        expected: plain(implied), actual: plain(score), formula: `${plain(weight)} − ${plain(dec(deduction).abs())} = ${plain(implied)}`,
        related: [relatedLine(report, line, String(score))],
        ...(leaf.location ? { location: leaf.location } : {}),
      });
    }
    return findings;
  },
});
