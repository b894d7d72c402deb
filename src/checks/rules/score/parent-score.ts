import { defineRule } from '../../define-rule.js';
import { dec, matchesStated, plain, sum, type Dec } from '../../../model/decimal.js';
import { scoreLineOf } from '../../score-line.js';
import { queryOf } from '../../../report/query/report-query.js';
import { relatedLine } from '../../report-lines.js';
import type { Finding, IndicatorNode } from '../../../model/index.js';

const ID = 'score/parent-score';

/**
 * A node's effective score: its own stated score, or for a parent without one, its children's sum (不考核 counts 0);
 * null when an assessed leaf below states no score (the sum cannot be known).
 */
function effectiveScore(node: IndicatorNode): Dec | null {
  if (!node.assessed) return dec(0);
  if (node.score !== null) return dec(node.score);
  if (node.children.length === 0) return null;
  const parts = node.children.map(effectiveScore);
  return parts.some((p) => p === null) ? null : sum(parts as Dec[]);
}

export default defineRule({
  id: ID,
  title: '上级得分等于下级得分之和',
  description: '上级指标（如二级指标的小计行）写明了自评得分时，它应等于各下级指标得分之和（不考核的按 0 计）；有下级没有写得分时无法核对，作为提示说明。',
  severity: 'error',
  check(report) {
    const findings: Finding[] = [];
    for (const node of queryOf(report).indicators()) {
      if (node.children.length === 0 || node.score === null) continue;
      const line = scoreLineOf(node);
      const base = { ruleId: ID, line, sectionPath: node.path, indicatorId: node.id };
      const parts = node.children.map(effectiveScore);
      const unknown = node.children.filter((_, i) => parts[i] === null);
      if (unknown.length > 0) {
        findings.push({
          ...base, severity: 'info',
          message: `“${node.name}”写自评得分 ${plain(node.score)} 分，但下级指标${unknown.map((c) => `“${c.name}”`).join('、')}没有写得分，无法核对它是否等于下级得分之和。`,
          actual: plain(node.score), related: [relatedLine(report, line, '得分')],
        });
        continue;
      }
      const total = sum(parts as Dec[]);
      if (matchesStated(String(node.score), total)) continue;
      const formula = `${(parts as Dec[]).map((p) => plain(p)).join(' + ')} = ${plain(total)}`;
      findings.push({
        ...base, severity: 'error',
        message: `“${node.name}”写自评得分 ${plain(node.score)} 分，但下级指标得分合计 ${plain(total)} 分（${formula}）。`,
        expected: plain(total), actual: plain(node.score), formula,
        related: [relatedLine(report, line, '得分'), ...node.children.map((c) => relatedLine(report, scoreLineOf(c), '得分'))],
      });
    }
    return findings;
  },
});
