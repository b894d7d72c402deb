import { defineRule } from '../../define-rule.js';
import { relatedLine } from '../../report-lines.js';
import type { Finding } from '../../../model/index.js';

const ID = 'score/unmatched-indicator';

export default defineRule({
  id: ID,
  title: '指标与评分细则对应',
  description: '报告中的指标在评分细则里找不到对应项（或评分细则中的指标在报告里没有出现）时提示；这些指标照常解析和计分。',
  severity: 'info',
  check(report, { rubricMatch, rubric }) {
    // A reference framework is a menu (a report picks some indicators and adds its own); no rubric has nothing to match.
    if (rubric.reference || rubric.indicators.length === 0) return [];
    const findings: Finding[] = rubricMatch.unmatched.map((node) => ({
      ruleId: ID, severity: 'info' as const, line: node.line, sectionPath: node.path, indicatorId: node.id,
      message: `报告中的指标“${node.name}”在评分细则“${rubric.name}”中找不到对应项；已照常解析和计分，但无法核对它的定义、分值和扣分规则。`,
      related: [relatedLine(report, node.line)],
    }));
    const line = report.indicators[0]?.line ?? 1;
    const missing = rubricMatch.missing.filter((m) => !rubricMatch.missing.some((p) => m.id.startsWith(`${p.id}/`)));
    for (const indicator of missing) {
      findings.push({
        ruleId: ID, severity: 'info', line, sectionPath: [],
        message: `评分细则“${rubric.name}”中的指标“${indicator.name}”（${indicator.weight} 分）在报告中没有找到${indicator.optional ? '（该项可不考核，但报告应写明“本项不考核”及原因）' : ''}。`,
      });
    }
    return findings;
  },
});
