import { defineRule } from '../../define-rule.js';
import { dec, plain } from '../../decimal.js';
import { expectedScoreOf, formatScore, ruleSourceText, scoreAgrees } from '../../expected-score.js';
import { allIndicators, scoreLineOf } from '../../indicator-tree.js';
import { relatedLine } from '../../report-lines.js';
import { normalizeStandard } from '../../../rubric/standards/standard-text.js';
import type { Finding, IndicatorNode, RubricIndicator } from '../../../model/index.js';

const ID = 'score/rubric-rule';

/** The report's own 评分标准 is checked by score/own-standard; do not check the same text twice. */
function sameAsOwnStandard(node: IndicatorNode, target: RubricIndicator): boolean {
  const own = node.standard ? normalizeStandard(node.standard) : null;
  const text = target.rule?.origin?.text ?? target.rule?.description;
  return own !== null && text !== undefined && normalizeStandard(text) === own;
}

export default defineRule({
  id: ID,
  title: '得分与评分细则对照',
  description: '评分细则有可计算的扣分规则时，按规则重算应得分并与自评得分比较；规则未知而本项扣了分时，提示需对照本地评分细则；分值与评分细则不同时提示。',
  severity: 'warning',
  check(report, { rubricMatch, rubric }) {
    const findings: Finding[] = [];
    for (const node of allIndicators(report)) {
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
      if (node.standard && (rule.kind === 'unknown' || sameAsOwnStandard(node, target))) continue; // the report's own standard decides
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
      const expected = expectedScoreOf(report, node, rule, node.weight, target);
      if ('unknown' in expected || scoreAgrees(node.score, expected)) continue;
      const shown = 'range' in expected ? `${formatScore(expected.range.min)}–${formatScore(expected.range.max)}` : formatScore(expected.score);
      findings.push({
        ...base, severity: 'warning', line,
        message: `“${node.name}”自评 ${plain(node.score)} 分；按评分细则的规则（${rule.description.replace(/。$/u, '')}；${ruleSourceText(rule)}），${expected.formula}，应得 ${shown} 分。`,
        expected: shown, actual: plain(node.score), formula: expected.formula,
        related: [relatedLine(report, line, '得分')],
      });
    }
    return findings;
  },
});
