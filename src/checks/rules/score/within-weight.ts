import { defineRule } from '../../define-rule.js';
import { dec, plain } from '../../../model/decimal.js';
import { scoreLineOf } from '../../score-line.js';
import { queryOf } from '../../../report/query/report-query.js';
import { relatedLine } from '../../report-lines.js';
import type { Finding } from '../../../model/index.js';

const ID = 'score/within-weight';

export default defineRule({
  id: ID,
  title: '得分不超过分值',
  description: '每项指标的自评得分应在 0 到该指标分值之间；加减分项不超过评分细则规定的上限。',
  severity: 'error',
  check(report, { rubric }) {
    const findings: Finding[] = [];
    for (const node of queryOf(report).indicators()) {
      if (node.score === null) continue;
      const line = scoreLineOf(node);
      const base = { ruleId: ID, severity: 'error' as const, line, sectionPath: node.path, indicatorId: node.id, related: [relatedLine(report, line, '得分')] };
      if (dec(node.score).isNegative()) {
        findings.push({ ...base, message: `“${node.name}”的自评得分为 ${plain(node.score)} 分，得分不能是负数。`, expected: `≥ 0`, actual: plain(node.score) });
      } else if (node.weight !== null && dec(node.score).gt(node.weight)) {
        findings.push({
          ...base,
          message: `“${node.name}”自评得分 ${plain(node.score)} 分，超过了该指标的分值 ${plain(node.weight)} 分。`,
          expected: `≤ ${plain(node.weight)}`,
          actual: plain(node.score),
        });
      }
    }
    const max = rubric.bonus?.max ?? null;
    if (report.bonus && max !== null && dec(report.bonus.score).abs().gt(max)) {
      findings.push({
        ruleId: ID, severity: 'error', line: report.bonus.line, sectionPath: [],
        message: `加减分项自评 ${plain(report.bonus.score)} 分，超过评分细则规定的上限 ${plain(max)} 分。`,
        expected: `≤ ${plain(max)}`, actual: plain(report.bonus.score), related: [relatedLine(report, report.bonus.line)],
      });
    }
    return findings;
  },
});
