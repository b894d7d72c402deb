import { defineRule } from '../../define-rule.js';
import { dec, matchesStated, plain, sum, type Dec } from '../../decimal.js';
import { scoreLineOf } from '../../score-line.js';
import { queryOf } from '../../../report/query/report-query.js';
import { relatedLine } from '../../report-lines.js';
import type { Finding, IndicatorNode } from '../../../model/index.js';

const ID = 'score/parent-score';

/** A node's effective score: its own stated score, or for a parent without one, its children's sum (不考核 counts 0). */
function effectiveScore(node: IndicatorNode): Dec {
  if (!node.assessed) return dec(0);
  if (node.score !== null) return dec(node.score);
  return sum(node.children.map(effectiveScore));
}

export default defineRule({
  id: ID,
  title: '上级得分等于下级得分之和',
  description: '上级指标写明了自评得分时，它应等于各下级指标得分之和（不考核的按 0 计）。',
  severity: 'error',
  check(report) {
    const findings: Finding[] = [];
    for (const node of queryOf(report).indicators()) {
      if (node.children.length === 0 || node.score === null) continue;
      const parts = node.children.map(effectiveScore);
      const total = sum(parts);
      if (matchesStated(String(node.score), total)) continue;
      const line = scoreLineOf(node);
      const formula = `${parts.map((p) => plain(p)).join(' + ')} = ${plain(total)}`;
      findings.push({
        ruleId: ID, severity: 'error', line, sectionPath: node.path, indicatorId: node.id,
        message: `“${node.name}”写自评得分 ${plain(node.score)} 分，但下级指标得分合计 ${plain(total)} 分（${formula}）。`,
        expected: plain(total), actual: plain(node.score), formula,
        related: [relatedLine(report, line, '得分'), ...node.children.map((c) => relatedLine(report, scoreLineOf(c), '得分'))],
      });
    }
    return findings;
  },
});
