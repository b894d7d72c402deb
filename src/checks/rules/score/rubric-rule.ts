import { defineRule } from '../../define-rule.js';
import { dec, plain } from '../../../model/decimal.js';
import { scoreLineOf } from '../../score-line.js';
import { queryOf } from '../../../report/query/report-query.js';
import { verdictOf } from '../../indicator-verdicts.js';
import { relatedLine } from '../../report-lines.js';
import { standardText } from '../../../rubric/indicator-verdict.js';
import type { Finding } from '../../../model/index.js';

const ID = 'score/rubric-rule';

export default defineRule({
  id: ID,
  title: '得分与评分细则对照',
  description: '指标没有自带评分标准而评分细则有可计算的扣分规则时，按规则重算应得分并与自评得分比较；规则未知而本项扣了分时，提示需对照本地评分细则；分值与评分细则不同时提示。',
  severity: 'warning',
  check(report, { rubricMatch, rubric }) {
    const findings: Finding[] = [];
    for (const node of queryOf(report).indicators()) {
      const target = rubricMatch.byIndicatorId.get(node.id);
      if (!target) continue;
      const line = scoreLineOf(node);
      const base = { ruleId: ID, sectionPath: node.path, indicatorId: node.id };
      if (node.weight !== null && target.weightKnown !== false && !rubric.reference && !dec(node.weight).eq(target.weight)) {
        findings.push({
          ...base, severity: 'warning', line: node.line,
          message: `“${node.name}”在报告中分值为 ${plain(node.weight)} 分，评分细则“${rubric.name}”中为 ${plain(target.weight)} 分；请确认采用的是哪一版评分细则。`,
          expected: plain(target.weight), actual: plain(node.weight), related: [relatedLine(report, node.line)],
        });
      }
      const rule = target.rule;
      if (!rule || !node.assessed || node.score === null || node.weight === null || node.children.length > 0) continue;
      if (node.standard) continue; // the report's own 评分标准 decides (score/own-standard), not a rubric written elsewhere
      const lost = dec(node.weight).minus(node.score);
      if (rule.kind === 'unknown') {
        if (lost.gt(0)) {
          findings.push({
            ...base, severity: 'info', line,
            message: `“${node.name}”扣了 ${plain(lost)} 分，但本地计分规则未知，无法核对这一扣分。评分细则的说明：${rule.description}${/请对照/u.test(rule.description) ? '' : '请对照当地财政部门下发的评分细则核对。'}`,
            actual: plain(node.score), related: [relatedLine(report, line, '得分')],
          });
        }
        continue;
      }
      const verdict = verdictOf(report, node, rubricMatch);
      if (verdict.kind !== 'should-be') continue; // what cannot be computed is said by the info above or by formula/rubric-rate
      findings.push({
        ...base, severity: 'warning', line,
        message: `“${node.name}”自评 ${plain(node.score)} 分；按${standardText(verdict.standard)}，${verdict.working}。`,
        expected: verdict.expected, actual: plain(node.score), formula: verdict.working,
        related: [relatedLine(report, line, '得分')],
      });
    }
    return findings;
  },
});
