import { defineRule } from '../../define-rule.js';
import { plain, sum } from '../../../model/decimal.js';
import { isNotAssessed } from '../../score-line.js';
import { queryOf } from '../../../report/query/report-query.js';
import { relatedLine, relatedLines } from '../../report-lines.js';
import type { Finding, IndicatorNode } from '../../../model/index.js';

function weightsOf(nodes: readonly IndicatorNode[]): string {
  return nodes.map((n) => plain(n.weight ?? 0)).join(' + ');
}

const ID = 'score/weights-sum';

export default defineRule({
  id: ID,
  title: '分值逐级相加一致',
  description: '下级指标的分值之和应等于上级指标的分值，一级指标分值之和应等于评分细则的总分；只有除去不考核指标后才一致时，作为提示说明。',
  severity: 'error',
  check(report, { rubric }) {
    const findings: Finding[] = [];
    const compare = (name: string, weight: number, children: readonly IndicatorNode[], line: number, path: string[], id?: string) => {
      if (children.some((c) => c.weight === null)) return;
      const total = sum(children.map((c) => c.weight!));
      if (total.eq(weight)) return;
      const excluded = children.filter(isNotAssessed);
      const kept = children.filter((c) => !isNotAssessed(c));
      const keptTotal = sum(kept.map((c) => c.weight!));
      const related = relatedLines(report, [{ line }, ...children.filter((c) => c.weight !== null).map((c) => ({ line: c.line }))]);
      if (excluded.length > 0 && keptTotal.eq(weight)) {
        const names = excluded.map((c) => `“${c.name}”（${plain(c.weight!)} 分）`).join('、');
        findings.push({
          ruleId: ID, severity: 'info', line, sectionPath: path, indicatorId: id,
          message: `“${name}”分值 ${plain(weight)} 分，而下级指标分值合计 ${plain(total)} 分；除去不考核的${names}后为 ${plain(keptTotal)} 分，两者一致，即 ${plain(weight)} = ${plain(total)} − ${plain(total.minus(keptTotal))}。分值只有在除去不考核指标后才相加一致，请按当地评分细则确认不考核项的分值如何处理。`,
          formula: `${plain(weight)} = ${plain(total)} − ${plain(total.minus(keptTotal))}`,
          related: relatedLines(report, [{ line }, ...excluded.map((c) => ({ line: c.line }))]),
        });
        return;
      }
      findings.push({
        ruleId: ID, severity: 'error', line, sectionPath: path, indicatorId: id,
        message: `“${name}”分值 ${plain(weight)} 分，但下级指标分值合计 ${plain(total)} 分（${weightsOf(children)}），相差 ${plain(total.minus(weight).abs())} 分。`,
        expected: plain(weight), actual: plain(total), formula: `${weightsOf(children)} = ${plain(total)}`, related,
      });
    };
    for (const node of queryOf(report).indicators()) {
      if (node.children.length > 0 && node.weight !== null) compare(node.name, node.weight, node.children, node.line, node.path, node.id);
    }
    const top = report.indicators;
    if (top.length > 0 && top.every((n) => n.weight !== null)) {
      const total = sum(top.map((n) => n.weight!));
      if (!total.eq(rubric.total)) {
        findings.push({
          ruleId: ID, severity: 'error', line: top[0]!.line, sectionPath: [],
          message: `一级指标分值合计 ${plain(total)} 分（${weightsOf(top)}），与评分细则“${rubric.name}”的总分 ${plain(rubric.total)} 分不一致。`,
          expected: plain(rubric.total), actual: plain(total), formula: `${weightsOf(top)} = ${plain(total)}`,
          related: top.map((n) => relatedLine(report, n.line)),
        });
      }
    }
    return findings;
  },
});
