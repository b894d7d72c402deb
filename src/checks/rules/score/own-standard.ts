import { defineRule } from '../../define-rule.js';
import { dec, plain } from '../../../model/decimal.js';
import { scoreLineOf } from '../../score-line.js';
import { queryOf } from '../../../report/query/report-query.js';
import { verdictOf } from '../../indicator-verdicts.js';
import { relatedLine } from '../../report-lines.js';
import { BUDGET_STANDARD } from '../../../report/target-form.js';
import type { Finding, IndicatorNode } from '../../../model/index.js';

const ID = 'score/own-standard';

/** Words that give a cause for a deduction beyond the number itself. */
const CAUSE = /原因|由于|因为|导致|致使|造成|未达|未完成|未能|未及时|未按|滞后|延期|延迟|不足|不够|不到位|不规范|不完善|缺少|缺失|差距|扣\s*\d*(?:\.\d+)?\s*分/u;

function locationOf(node: IndicatorNode): Pick<Finding, 'location'> {
  return node.location ? { location: node.location } : {};
}

export default defineRule({
  id: ID,
  title: '得分符合报告自带的评分标准',
  description: '报告（评分表）每行写有评分标准、或叙述式报告的指标段落写明评分标准（“评分标准：…”“按照“…”的标准”）时，把评分标准转为可计算的规则，用本行的完成值、执行率或扣分原因、说明中写明的实际值（不是与之比较的标准值）重算应得分，与自评得分不符即报错；无法计算的说明缺少什么。',
  severity: 'error',
  check(report, { rubricMatch }) {
    const findings: Finding[] = [];
    const notComputed: IndicatorNode[] = []; // full marks under a standard that needs judgement
    const noValue: IndicatorNode[] = []; // full marks under a computable standard, without the value it needs
    for (const node of queryOf(report).indicators()) {
      // The target form's budget block (得分 = 分值 × 执行率) is formula/budget-execution's, with its stated 执行率 too.
      if (!node.standard || node.standard === BUDGET_STANDARD || node.children.length > 0 || !node.assessed || node.score === null || node.weight === null) continue;
      const verdict = verdictOf(report, node, rubricMatch);
      const line = scoreLineOf(node);
      const base = { ruleId: ID, sectionPath: node.path, indicatorId: node.id, line, ...locationOf(node) };
      if (verdict.kind === 'not-computable') {
        if (dec(node.score).lt(node.weight)) {
          findings.push({
            ...base, severity: 'info',
            message: `“${node.name}”扣了 ${plain(dec(node.weight).minus(node.score))} 分，但它的评分标准“${node.standard}”无法自动计算（${verdict.why}），请人工核对这一扣分。`,
            actual: plain(node.score), related: [relatedLine(report, node.standardLine ?? line)],
          });
        } else {
          (verdict.missing === 'no-stated-value' ? noValue : notComputed).push(node);
        }
        continue;
      }
      if (verdict.kind === 'agrees') continue;
      // Above what the standard gives is an error. Below it, with a cause the report states (a deduction the standard
      // does not list, "未达到序时进度"), is the report's own judgement: a note; without any cause, a warning.
      const above = dec(node.score).gt(dec(verdict.expected.split('–').at(-1)!));
      const cause = (node.reason ?? '').replace(/[\d.%％]+/gu, '').length >= 4 && CAUSE.test(node.reason ?? '');
      const severity = above ? 'error' : cause ? 'info' : 'warning';
      findings.push({
        ...base, severity,
        message: `“${node.name}”自评 ${plain(node.score)} 分，但按报告自带的评分标准“${node.standard}”，${verdict.working}${above ? '' : `。自评低于评分标准给出的分数${cause ? `，报告说明：${node.reason!.trim()}；请确认扣分依据并写入评分标准或说明` : '，报告没有说明另行扣分的原因'}`}。`,
        expected: verdict.expected, actual: plain(node.score), formula: verdict.working,
        related: [relatedLine(report, line, String(node.score))],
      });
    }
    const listed = (nodes: IndicatorNode[], what: string) => {
      if (nodes.length === 0) return;
      const first = nodes[0]!;
      findings.push({
        ruleId: ID, severity: 'info', line: scoreLineOf(first), sectionPath: [], ...locationOf(first),
        message: `${nodes.length} 项得满分的指标${what}（如“${first.standard}”），未逐项复核：${nodes.map((n) => `“${n.name}”`).join('、')}。`,
      });
    };
    listed(notComputed, '的评分标准无法自动计算');
    listed(noValue, '没有写出评分标准所需的实际值');
    return findings;
  },
});
